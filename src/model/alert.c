/*
 * alert.c: what vigil knows about the SOC's alert formats, as tables and
 * pure functions: the JSON paths of each field per format, severity
 * scales, alert times, fingerprints, stop-values, suppression patterns.
 * Field names follow each format's public documentation (Wazuh
 * alerts.json, Suricata EVE, OCSF Detection Finding, Elastic Security's
 * alert schema). Never reads JSON, files or the clock.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vigil/alert.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

static const char *const format_names[ALERT_FORMAT__COUNT] = {
	"auto", "wazuh", "suricata", "ocsf", "ecs", "jsonl",
};

static const char *const field_names[AF__COUNT] = {
	"title", "severity", "time", "source", "rule", "host", "user",
	"src_ip", "dst_ip", "flow", "kind",
};

static const struct alert_paths wazuh_paths = {
	.path = {
		[AF_TITLE] = { "$.rule.description" },
		[AF_SEVERITY] = { "$.rule.level" },
		[AF_TIME] = { "$.timestamp" },
		[AF_RULE] = { "$.rule.id" },
		[AF_HOST] = { "$.agent.name", "$.predecoder.hostname" },
		[AF_USER] = { "$.data.dstuser", "$.data.srcuser",
		    "$.data.win.eventdata.targetUserName" },
		[AF_SRC_IP] = { "$.data.srcip" },
		[AF_DST_IP] = { "$.data.dstip" },
	},
	.constant = { [AF_SOURCE] = "wazuh" },
};

static const struct alert_paths suricata_paths = {
	.path = {
		[AF_TITLE] = { "$.alert.signature" },
		[AF_SEVERITY] = { "$.alert.severity" },
		[AF_TIME] = { "$.timestamp" },
		[AF_RULE] = { "$.alert.signature_id" },
		[AF_SRC_IP] = { "$.src_ip" },
		[AF_DST_IP] = { "$.dest_ip" },
		[AF_FLOW] = { "$.flow_id" },
		[AF_KIND] = { "$.event_type" },
	},
	.constant = { [AF_SOURCE] = "suricata" },
};

static const struct alert_paths ocsf_paths = {
	.path = {
		[AF_TITLE] = { "$.finding_info.title", "$.message" },
		[AF_SEVERITY] = { "$.severity_id" },
		[AF_TIME] = { "$.time" },
		[AF_SOURCE] = { "$.metadata.product.name" },
		[AF_RULE] = { "$.finding_info.analytic.uid",
		    "$.finding_info.analytic.name", "$.finding_info.title" },
		[AF_HOST] = { "$.device.hostname",
		    "$.evidences[0].device.hostname" },
		[AF_USER] = { "$.actor.user.name",
		    "$.evidences[0].actor.user.name" },
		[AF_SRC_IP] = { "$.src_endpoint.ip",
		    "$.evidences[0].src_endpoint.ip" },
		[AF_DST_IP] = { "$.dst_endpoint.ip",
		    "$.evidences[0].dst_endpoint.ip" },
		[AF_KIND] = { "$.class_uid" },
	},
	.constant = { [AF_SOURCE] = "ocsf" },
};

/* Elastic writes alert documents with nested objects or dotted keys. */
static const struct alert_paths ecs_paths = {
	.path = {
		[AF_TITLE] = { "$.\"kibana.alert.rule.name\"",
		    "$.kibana.alert.rule.name", "$.signal.rule.name",
		    "$.rule.name" },
		[AF_SEVERITY] = { "$.\"kibana.alert.severity\"",
		    "$.kibana.alert.severity", "$.signal.rule.severity",
		    "$.event.severity" },
		[AF_TIME] = { "$.\"@timestamp\"" },
		[AF_RULE] = { "$.\"kibana.alert.rule.uuid\"",
		    "$.kibana.alert.rule.uuid", "$.signal.rule.id",
		    "$.rule.id" },
		[AF_HOST] = { "$.host.name", "$.\"host.name\"",
		    "$.host.hostname" },
		[AF_USER] = { "$.user.name", "$.\"user.name\"" },
		[AF_SRC_IP] = { "$.source.ip", "$.\"source.ip\"" },
		[AF_DST_IP] = { "$.destination.ip", "$.\"destination.ip\"" },
	},
	.constant = { [AF_SOURCE] = "elastic" },
};

const char *
alert_format_name(enum alert_format f)
{
	return format_names[f];
}

int
alert_format_parse(const char *s, enum alert_format *f)
{
	int	i;

	for (i = 0; i < ALERT_FORMAT__COUNT; i++)
		if (strcmp(s, format_names[i]) == 0) {
			*f = (enum alert_format)i;
			return 0;
		}
	return -1;
}

const char *
alert_field_name(enum alert_field f)
{
	return field_names[f];
}

int
alert_field_parse(const char *s, enum alert_field *f)
{
	int	i;

	for (i = 0; i < AF__COUNT; i++)
		if (strcmp(s, field_names[i]) == 0) {
			*f = (enum alert_field)i;
			return 0;
		}
	return -1;
}

const struct alert_paths *
alert_format_paths(enum alert_format f)
{
	switch (f) {
	case ALERT_FORMAT_WAZUH:
		return &wazuh_paths;
	case ALERT_FORMAT_SURICATA:
		return &suricata_paths;
	case ALERT_FORMAT_OCSF:
		return &ocsf_paths;
	case ALERT_FORMAT_ECS:
		return &ecs_paths;
	default:
		return NULL;
	}
}

static const char *const probes[] = {
	"$.class_uid", "$.event_type", "$.rule.level", "$.agent",
	"$.\"kibana.alert.rule.name\"", "$.kibana.alert", "$.signal",
	"$.\"@timestamp\"",
};

const char *const *
alert_detect_probes(size_t *n)
{
	*n = nitems(probes);
	return probes;
}

enum alert_format
alert_detect(const bool has[], size_t n)
{
	if (n < nitems(probes))
		return ALERT_FORMAT_AUTO;
	if (has[0])
		return ALERT_FORMAT_OCSF;
	if (has[1])
		return ALERT_FORMAT_SURICATA;
	if (has[2] && has[3])
		return ALERT_FORMAT_WAZUH;
	if (has[4] || has[5] || has[6] || has[7])
		return ALERT_FORMAT_ECS;
	return ALERT_FORMAT_AUTO;
}

bool
alert_is_alert(enum alert_format f, const struct alert_fields *a, char *why,
    size_t whylen)
{
	const char	*k = a->v[AF_KIND] != NULL ? a->v[AF_KIND] : "";

	if (f == ALERT_FORMAT_SURICATA && strcmp(k, "alert") != 0) {
		snprintf(why, whylen, "event_type is '%.40s', not alert", k);
		return false;
	}
	if (f == ALERT_FORMAT_OCSF && strcmp(k, "2004") != 0) {
		snprintf(why, whylen, "class_uid is '%.40s', not 2004 "
		    "(Detection Finding)", k);
		return false;
	}
	return true;
}

/* A decimal integer, or false. */
static bool
as_int(const char *s, long long *n)
{
	char	*end;

	if (s == NULL || *s == '\0')
		return false;
	*n = strtoll(s, &end, 10);
	if (*end == '.')	/* 5.0 */
		while (isdigit((unsigned char)*++end))
			;
	return *end == '\0';
}

/* Words that tools use for severity. */
static int
severity_word(const char *s)
{
	static const struct {
		const char	*w;
		int		 sev;
	} words[] = {
		{ "critical", 1 }, { "crit", 1 }, { "fatal", 1 },
		{ "emergency", 1 }, { "alert", 1 }, { "high", 2 },
		{ "error", 2 }, { "err", 2 }, { "severe", 2 },
		{ "medium", 3 }, { "moderate", 3 }, { "warning", 3 },
		{ "warn", 3 }, { "low", 4 }, { "info", 4 },
		{ "informational", 4 }, { "notice", 4 }, { "debug", 4 },
	};
	size_t	i;

	for (i = 0; i < nitems(words); i++)
		if (strcasecmp(s, words[i].w) == 0)
			return words[i].sev;
	return 0;
}

int
alert_severity(enum alert_format f, const char *v, bool numeric)
{
	long long	n;
	int		w;

	(void)numeric;
	if (v == NULL || *v == '\0')
		return 3;
	if (!as_int(v, &n))
		return (w = severity_word(v)) != 0 ? w : 3;
	switch (f) {
	case ALERT_FORMAT_WAZUH:	/* rule level 0..15 */
		return n >= 13 ? 1 : n >= 10 ? 2 : n >= 6 ? 3 : 4;
	case ALERT_FORMAT_SURICATA:	/* priority, 1 is highest */
		return n <= 1 ? 1 : n == 2 ? 2 : n == 3 ? 3 : 4;
	case ALERT_FORMAT_OCSF:		/* severity_id 0..6, 99 other */
		return n == 5 || n == 6 ? 1 : n == 4 ? 2 : n == 3 ? 3 : 4;
	case ALERT_FORMAT_ECS:		/* a risk score 0..100 */
		return n >= 90 ? 1 : n >= 70 ? 2 : n >= 40 ? 3 : 4;
	default:			/* vigil's own 1..4 */
		return n < 1 ? 1 : n > 4 ? 4 : (int)n;
	}
}

/* n digits at s as a number, or -1. */
static int
digits(const char *s, int n)
{
	int	v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
alert_time_parse(const char *s, bool numeric, int64_t *t)
{
	long long	n;
	int		y, mo, d, h, mi, sec, oh, om, sign;
	const char	*p;

	if (s == NULL || *s == '\0')
		return -1;
	if (numeric || as_int(s, &n)) {
		if (!as_int(s, &n) || n < 0)
			return -1;
		*t = n > 100000000000LL ? n / 1000 : n;
		return 0;
	}
	if (strlen(s) < 19 || (y = digits(s, 4)) < 0 || s[4] != '-' ||
	    (mo = digits(s + 5, 2)) < 1 || mo > 12 || s[7] != '-' ||
	    (d = digits(s + 8, 2)) < 1 || d > 31 ||
	    (s[10] != 'T' && s[10] != ' ') || (h = digits(s + 11, 2)) < 0 ||
	    h > 23 || s[13] != ':' || (mi = digits(s + 14, 2)) < 0 ||
	    mi > 59 || s[16] != ':' || (sec = digits(s + 17, 2)) < 0 ||
	    sec > 60)
		return -1;
	p = s + 19;
	if (*p == '.' || *p == ',')
		while (isdigit((unsigned char)*++p))
			;
	oh = om = 0;
	sign = 1;
	if (*p == 'Z' || *p == 'z')
		p++;
	else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		if ((oh = digits(p + 1, 2)) < 0)
			return -1;
		p += 3;
		if (*p == ':')
			p++;
		if ((om = digits(p, 2)) < 0)
			return -1;
		p += 2;
	} else if (*p != '\0')
		return -1;
	/* an instant without a zone: the tools write UTC then */
	if (*p != '\0')
		return -1;
	*t = (timefmt_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
	    sec) - sign * (oh * 3600 + om * 60);
	return 0;
}

const char *
alert_entity(const struct alert *a)
{
	if (a->host != NULL && *a->host != '\0')
		return a->host;
	if (a->user != NULL && *a->user != '\0')
		return a->user;
	return a->src_ip != NULL ? a->src_ip : "";
}

int
alert_fp_parse(const char *s, unsigned *mask, char *bad, size_t badlen)
{
	char		 word[32];
	const char	*p = s, *end;
	size_t		 n;
	enum alert_field f;

	*mask = 0;
	while (*p != '\0') {
		end = strchr(p, ',');
		n = end == NULL ? strlen(p) : (size_t)(end - p);
		if (n == 0 || n >= sizeof word) {
			snprintf(bad, badlen, "%.*s", (int)(n > 31 ? 31 : n), p);
			return -1;
		}
		memcpy(word, p, n);
		word[n] = '\0';
		if (strcmp(word, "entity") == 0)
			*mask |= ALERT_FP_ENTITY;
		else if (alert_field_parse(word, &f) == 0 && f != AF_KIND &&
		    f != AF_SEVERITY && f != AF_TIME)
			*mask |= 1u << f;
		else {
			snprintf(bad, badlen, "%s", word);
			return -1;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	if (*mask == 0) {
		snprintf(bad, badlen, "%s", s);
		return -1;
	}
	return 0;
}

unsigned
alert_fp_default(enum alert_format f)
{
	if (f == ALERT_FORMAT_SURICATA)
		return 1u << AF_SOURCE | 1u << AF_FLOW;
	return 1u << AF_SOURCE | 1u << AF_RULE | ALERT_FP_ENTITY;
}

void
alert_fingerprint(const struct alert *a, unsigned mask, char *out,
    size_t len)
{
	const char	*vals[AF__COUNT + 1] = { NULL };
	size_t		 used = 0;
	int		 i, n;

	vals[AF_TITLE] = a->title;
	vals[AF_SOURCE] = a->source;
	vals[AF_RULE] = a->rule;
	vals[AF_HOST] = a->host;
	vals[AF_USER] = a->user;
	vals[AF_SRC_IP] = a->src_ip;
	vals[AF_DST_IP] = a->dst_ip;
	vals[AF_FLOW] = a->flow;
	vals[AF__COUNT] = alert_entity(a);
	/* Suricata without a flow id: fall back to rule and entity. */
	if ((mask & 1u << AF_FLOW) && (a->flow == NULL || *a->flow == '\0'))
		mask = (mask & ~(1u << AF_FLOW)) | 1u << AF_RULE |
		    ALERT_FP_ENTITY;
	out[0] = '\0';
	for (i = 0; i <= AF__COUNT; i++) {
		if ((mask & 1u << i) == 0)
			continue;
		n = snprintf(out + used, len - used, "%s%s%s",
		    used == 0 ? "" : "|", i == AF_FLOW ? "flow:" : "",
		    vals[i] != NULL ? vals[i] : "");
		if (n < 0 || (size_t)n >= len - used)
			return;
		used += (size_t)n;
	}
}

bool
alert_is_stop_value(const char *v, const char *const *extra, size_t nextra)
{
	static const char *const builtin[] = {
		"-", "unknown", "n/a", "na", "none", "null", "localhost",
		"127.0.0.1", "::1", "0.0.0.0", "255.255.255.255", "system",
		"local service", "network service", "anonymous logon",
	};
	size_t	i;

	if (v == NULL || *v == '\0')
		return true;
	for (i = 0; i < nitems(builtin); i++)
		if (strcasecmp(v, builtin[i]) == 0)
			return true;
	for (i = 0; i < nextra; i++)
		if (strcasecmp(v, extra[i]) == 0)
			return true;
	return false;
}

static const char *const match_fields[] = {
	"title", "source", "rule", "host", "user", "ip", "severity",
};

/* The value of a pattern's field name in an alert, or NULL if unknown. */
static bool
match_term(const char *field, size_t flen, const char *glob,
    const struct alert *a)
{
	char	sev[4];

	snprintf(sev, sizeof sev, "%d", a->severity);
#define IS(n) (flen == strlen(n) && strncmp(field, n, flen) == 0)
#define GLOB(v) (fnmatch(glob, (v) != NULL ? (v) : "", FNM_CASEFOLD) == 0)
	if (IS("title"))
		return GLOB(a->title);
	if (IS("source"))
		return GLOB(a->source);
	if (IS("rule"))
		return GLOB(a->rule);
	if (IS("host"))
		return GLOB(a->host);
	if (IS("user"))
		return GLOB(a->user);
	if (IS("ip"))
		return GLOB(a->src_ip) || GLOB(a->dst_ip);
	if (IS("severity"))
		return GLOB(sev);
#undef IS
#undef GLOB
	return false;
}

/*
 * Walk the terms of a pattern; with a, test each; without, check names.
 * Returns 1 when all match (or all are valid), 0 when not, -1 when bad.
 */
static int
match_walk(const char *pattern, const struct alert *a, char *why,
    size_t whylen)
{
	const char	*p = pattern, *eq, *end;
	char		 glob[ALERT_TEXT_MAX];
	size_t		 i, flen, glen;
	bool		 known;

	if (*p == '\0') {
		snprintf(why, whylen, "the pattern is empty");
		return -1;
	}
	while (*p != '\0') {
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq == NULL || eq == p) {
			snprintf(why, whylen, "'%.*s' is not FIELD=GLOB",
			    (int)(end - p > 60 ? 60 : end - p), p);
			return -1;
		}
		flen = (size_t)(eq - p);
		known = false;
		for (i = 0; i < nitems(match_fields); i++)
			if (flen == strlen(match_fields[i]) &&
			    strncmp(p, match_fields[i], flen) == 0)
				known = true;
		if (!known) {
			snprintf(why, whylen, "'%.*s' is not a field (title, "
			    "source, rule, host, user, ip, severity)",
			    (int)(flen > 40 ? 40 : flen), p);
			return -1;
		}
		glen = (size_t)(end - eq - 1);
		if (glen == 0 || glen >= sizeof glob) {
			snprintf(why, whylen, "the value of '%.*s' is empty "
			    "or too long", (int)flen, p);
			return -1;
		}
		memcpy(glob, eq + 1, glen);
		glob[glen] = '\0';
		if (a != NULL && !match_term(p, flen, glob, a))
			return 0;
		p = *end == ',' ? end + 1 : end;
	}
	return 1;
}

int
alert_match_check(const char *pattern, char *why, size_t whylen)
{
	return match_walk(pattern, NULL, why, whylen) == 1 ? 0 : -1;
}

bool
alert_match(const char *pattern, const struct alert *a)
{
	char	why[128];

	return match_walk(pattern, a, why, sizeof why) == 1;
}

static const char *const dismiss_names[DISMISS__COUNT] = {
	"false-positive", "benign", "duplicate", "out-of-scope",
};

const char *
dismiss_reason_name(enum dismiss_reason r)
{
	return dismiss_names[r];
}

int
dismiss_reason_parse(const char *s, enum dismiss_reason *r)
{
	int	i;

	for (i = 0; i < DISMISS__COUNT; i++)
		if (strcmp(s, dismiss_names[i]) == 0) {
			*r = (enum dismiss_reason)i;
			return 0;
		}
	return -1;
}

int
alert_duration_parse(const char *s, int64_t *secs)
{
	char		*end;
	long long	 n;
	int64_t		 unit = 1;

	if (s == NULL || !isdigit((unsigned char)*s))
		return -1;
	n = strtoll(s, &end, 10);
	if (*end == 's')
		end++;
	else if (*end == 'm')
		unit = 60, end++;
	else if (*end == 'h')
		unit = 3600, end++;
	else if (*end == 'd')
		unit = 86400, end++;
	if (*end != '\0' || n < 0 || n > 366LL * 86400)
		return -1;
	*secs = (int64_t)n * unit;
	return 0;
}
