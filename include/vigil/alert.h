/*
 * alert.h: alerts from the SOC's tools, as values. The formats vigil reads
 * (which JSON paths hold a title, a severity, a time, ...), how each
 * format's severity maps onto vigil's 1..4, the fingerprint that makes
 * repeats one inbox entry, the stop-values that never group, suppression
 * patterns and dismissal reasons. Pure: no I/O, no clock, no SQLite; the
 * JSON itself is read by src/store with SQLite's JSON functions.
 */
#ifndef VIGIL_ALERT_H
#define VIGIL_ALERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum alert_format {
	ALERT_FORMAT_AUTO,
	ALERT_FORMAT_WAZUH,
	ALERT_FORMAT_SURICATA,
	ALERT_FORMAT_OCSF,
	ALERT_FORMAT_ECS,
	ALERT_FORMAT_JSONL,
	ALERT_FORMAT__COUNT
};

/* The fields read from each alert. */
enum alert_field {
	AF_TITLE,
	AF_SEVERITY,
	AF_TIME,
	AF_SOURCE,
	AF_RULE,
	AF_HOST,
	AF_USER,
	AF_SRC_IP,
	AF_DST_IP,
	AF_FLOW,	/* Suricata's flow_id */
	AF_KIND,	/* what says "this is an alert": event_type, class_uid */
	AF__COUNT
};

#define ALERT_PATHS_MAX 4	/* candidate paths per field, first found wins */
#define ALERT_LINE_MAX 262144	/* bytes; a longer line is refused */
#define ALERT_TEXT_MAX 1024	/* bytes kept of one normalised field */

/* Where a format keeps each field: JSON paths (SQLite syntax). */
struct alert_paths {
	const char	*path[AF__COUNT][ALERT_PATHS_MAX];	/* NULL ends */
	const char	*constant[AF__COUNT];	/* used when no path matches */
};

/* One alert's normalised fields; strings borrowed, "" when absent. */
struct alert_fields {
	const char	*v[AF__COUNT];
	bool		 numeric[AF__COUNT];	/* the JSON value was a number */
};

/* The normalised alert. */
struct alert {
	const char	*title, *source, *rule, *host, *user, *src_ip, *dst_ip;
	const char	*flow;
	int		 severity;	/* 1..4 */
	int64_t		 at;		/* the alert's own time */
};

const char	*alert_format_name(enum alert_format);
int		 alert_format_parse(const char *, enum alert_format *);
const char	*alert_field_name(enum alert_field);
int		 alert_field_parse(const char *, enum alert_field *);
/* The built-in paths of a format (not AUTO or JSONL: those have none). */
const struct alert_paths *alert_format_paths(enum alert_format);

/*
 * Guess the format of one record from which discriminating members it has
 * (has[i] for the names alert_detect_probe() lists). AUTO when none fits.
 */
enum alert_format alert_detect(const bool has[], size_t n);
/* The JSON paths whose presence alert_detect() weighs, in its order. */
const char *const *alert_detect_probes(size_t *n);

/*
 * Is the record an alert at all? Suricata writes flows, DNS, HTTP next
 * to alerts; OCSF has many classes. false with a reason ("event_type is
 * flow, not alert") for records to skip.
 */
bool	alert_is_alert(enum alert_format, const struct alert_fields *,
	    char *why, size_t whylen);
/* The format's severity (Wazuh level 0-15, OCSF severity_id, ...) as 1..4. */
int	alert_severity(enum alert_format, const char *value, bool numeric);
/*
 * An alert's time: ISO 8601 with Z, +HH:MM or +HHMM and optional
 * fractions, or a number of seconds (milliseconds when it is too large to
 * be seconds). -1 when unreadable.
 */
int	alert_time_parse(const char *, bool numeric, int64_t *t);

/* The main entity: the host, else the user, else the source address. */
const char	*alert_entity(const struct alert *);

/*
 * Fingerprint fields: a mask of ROLE-like bits over enum alert_field plus
 * the pseudo-field "entity". Parsed from "source,rule,entity".
 */
#define ALERT_FP_ENTITY (1u << AF__COUNT)
int	alert_fp_parse(const char *, unsigned *mask, char *bad, size_t);
/* The default fingerprint of a format ("source,flow" for Suricata). */
unsigned alert_fp_default(enum alert_format);
/* The fingerprint text "wazuh|5712|web-01" into out (ALERT_TEXT_MAX). */
void	alert_fingerprint(const struct alert *, unsigned mask, char *out,
	    size_t len);

/*
 * Stop-values: entity values so common (localhost, "-", SYSTEM) that
 * sharing them says nothing. extra: user-given values (may be NULL).
 */
bool	alert_is_stop_value(const char *value, const char *const *extra,
	    size_t nextra);

/*
 * A suppression pattern: "field=glob[,field=glob...]" over title, source,
 * rule, host, user, ip (either address), severity. Every term must match.
 * alert_match_check() validates the text; alert_match() tests an alert.
 */
int	alert_match_check(const char *pattern, char *why, size_t whylen);
bool	alert_match(const char *pattern, const struct alert *);

/* Dismissal reasons. */
enum dismiss_reason {
	DISMISS_FALSE_POSITIVE,
	DISMISS_BENIGN,
	DISMISS_DUPLICATE,
	DISMISS_OUT_OF_SCOPE,
	DISMISS__COUNT
};
const char	*dismiss_reason_name(enum dismiss_reason);
int		 dismiss_reason_parse(const char *, enum dismiss_reason *);

/* "1h", "30m", "90s", "2d" or plain seconds; -1 when not one. */
int	alert_duration_parse(const char *, int64_t *secs);

#endif
