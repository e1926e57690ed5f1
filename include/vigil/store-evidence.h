/*
 * store-evidence.h: the evidence tables — one row per item (a tree within
 * an incident: laptop -> disk -> image -> extracted file) and one row per
 * custody event (transfer, check, handling note, change, void mark). Same
 * contract as store.h: writes run inside db_begin()/db_commit() and do not
 * journal (src/ops does); reads copy every string; the caller owns the
 * results. No row is ever deleted and an item's intake facts never change
 * (the schema's triggers refuse it); only the current custodian, the
 * reference hash after a recorded change and the void mark move.
 */
#ifndef VIGIL_STORE_EVIDENCE_H
#define VIGIL_STORE_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/custody.h"
#include "vigil/store-db.h"
#include "vigil/verr.h"

/* One item; strings owned by the record ("" when unset). */
struct evidence_item {
	int64_t	 num;			/* the N of EN, per incident */
	char	 uuid[40];
	bool	 has_parent;
	int64_t	 parent_num;
	char	*description;
	char	*location;
	char	*source_host;
	bool	 has_clock_offset;
	int64_t	 clock_offset;		/* source clock minus UTC, seconds */
	int64_t	 collected_at;
	int	 collected_offset;	/* the offset it was entered with */
	char	*path;			/* hashed at intake ("" with --hash) */
	int64_t	 size;
	char	 sha256[CUSTODY_HEX_MAX];
	char	*sha1;
	char	*md5;
	bool	 has_file_times;
	int64_t	 file_mtime;
	int64_t	 file_ctime;
	int64_t	 registered_at;
	char	*registered_by;
	char	*custodian;
	bool	 custodian_external;
	char	 ref_sha256[CUSTODY_HEX_MAX];	/* what checks compare with */
	int64_t	 ref_size;
	bool	 voided;
	int64_t	 voided_at;
	/* the latest check (a check event or a rechecked transfer) */
	bool	 has_check;
	int64_t	 check_at;
	bool	 check_ok;
};

/* One custody event; strings owned ("" when unset). */
struct evidence_event {
	int64_t			 num;		/* the item's N */
	enum custody_kind	 kind;
	int64_t			 at;
	char			*by;
	char			*from_party;
	bool			 from_external;
	char			*to_party;
	bool			 to_external;
	char			*text;		/* reason or note */
	char			*path;
	bool			 has_hash;	/* size and sha256 valid */
	int64_t			 size;
	char			 sha256[CUSTODY_HEX_MAX];
	bool			 has_result;
	bool			 ok;
};

void	evidence_item_clear(struct evidence_item *);
void	evidence_items_free(struct evidence_item **, size_t);
void	evidence_events_free(struct evidence_event **, size_t);

/*
 * Insert item (its num is ignored: the next number of the incident is
 * assigned and returned in *num). Custodian and reference hash are taken
 * from the item as given.
 */
int	evidence_insert(struct db *, int64_t incident,
	    const struct evidence_item *, int64_t *num, struct verr *);
/* Every item of the incident by number, with its latest check. */
int	evidence_list(struct db *, int64_t incident, struct evidence_item **,
	    size_t *n, struct verr *);
/* 1 and *out filled when found, 0 when not, -1 on error. */
int	evidence_get(struct db *, int64_t incident, int64_t num,
	    struct evidence_item *out, struct verr *);
/* The events of one item (num > 0) or of all (num 0), oldest first. */
int	evidence_events(struct db *, int64_t incident, int64_t num,
	    struct evidence_event **, size_t *n, struct verr *);
/* Append an event to item ev->num. */
int	evidence_event_insert(struct db *, int64_t incident,
	    const struct evidence_event *, struct verr *);
int	evidence_set_custodian(struct db *, int64_t incident, int64_t num,
	    const char *who, bool external, struct verr *);
/* The hash later checks compare with, after a recorded change. */
int	evidence_set_reference(struct db *, int64_t incident, int64_t num,
	    const char *sha256, int64_t size, struct verr *);
int	evidence_set_void(struct db *, int64_t incident, int64_t num,
	    int64_t at, struct verr *);

#endif
