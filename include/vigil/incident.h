/*
 * incident.h: the vocabulary of an incident (severity, kind, stage,
 * resolution), the stage transition rules, and the plain record the store
 * fills in. Pure: no I/O.
 */
#ifndef VIGIL_INCIDENT_H
#define VIGIL_INCIDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/role.h"

enum kind { KIND_SECURITY, KIND_PRIVACY };

enum stage {
	STAGE_DETECT,
	STAGE_ASSESS,
	STAGE_DIAGNOSE,
	STAGE_STABILIZE,
	STAGE_CLOSE,
	STAGE__COUNT
};

enum resolution {
	RESOLUTION_NONE,
	RESOLUTION_CONFIRMED,
	RESOLUTION_FALSE_POSITIVE,
	RESOLUTION_BENIGN,
	RESOLUTION_DUPLICATE
};

#define SEVERITY_MIN 1
#define SEVERITY_MAX 4
#define INCIDENT_KEY_MAX 24
#define INCIDENT_TITLE_MAX 200
#define INCIDENT_TEXT_MAX 65536

/* One incident as read from the store; strings owned by the record. */
struct incident {
	int64_t		 id;			/* the N of IR-N */
	char		 key[INCIDENT_KEY_MAX];	/* "IR-N" */
	char		 uuid[40];
	char		*title;
	char		*description;
	int		 severity;
	enum kind	 kind;
	enum stage	 stage;
	bool		 closed;
	enum resolution	 resolution;
	int64_t		 created_at;
	char		*created_by;
	int64_t		 updated_at;
	int64_t		 closed_at;		/* valid when closed */
	bool		 declared;
	int64_t		 declared_at;		/* valid when declared */
	char		*declared_by;
	bool		 notified;		/* customers_notified recorded */
	int64_t		 notified_at;
	bool		 has_next_due;
	int64_t		 next_due;		/* most urgent running clock */
	char		*holder[ROLE__COUNT];	/* login or NULL */
	int64_t		 held_since[ROLE__COUNT];
};

void		 incident_clear(struct incident *);

const char	*kind_name(enum kind);
int		 kind_parse(const char *, enum kind *);
const char	*stage_name(enum stage);
int		 stage_parse(const char *, enum stage *);
const char	*resolution_name(enum resolution);
int		 resolution_parse(const char *, enum resolution *);

/* "IR-42" or "42" or "ir-42" -> 42; -1 when not a key. */
int		 incident_key_parse(const char *, int64_t *);
void		 incident_key_format(int64_t id, char out[INCIDENT_KEY_MAX]);

/*
 * May an open incident move from `from` to `to` (not STAGE_CLOSE: closing
 * is its own act)? Forward one step is free; forward more than one step or
 * back needs a reason. Returns 0, or -1 with an explanation in why.
 */
int		 stage_check_move(enum stage from, enum stage to,
		     bool has_reason, char *why, size_t whylen);

#endif
