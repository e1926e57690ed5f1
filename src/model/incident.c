/*
 * incident.c: names of severities, kinds, stages and resolutions, incident
 * keys, and the stage transition rule. Pure.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vigil/incident.h"
#include "vigil/util.h"

static const char *const stage_names[STAGE__COUNT] = {
	"detect", "assess", "diagnose", "stabilize", "close"
};
static const char *const kind_names[] = { "security", "privacy" };
static const char *const resolution_names[] = {
	"", "confirmed", "false-positive", "benign", "duplicate"
};

void
incident_clear(struct incident *inc)
{
	int	r;

	free(inc->title);
	free(inc->description);
	free(inc->created_by);
	free(inc->declared_by);
	for (r = 0; r < ROLE__COUNT; r++)
		free(inc->holder[r]);
	memset(inc, 0, sizeof *inc);
}

static int
parse_name(const char *s, const char *const *names, int n)
{
	int	i;

	for (i = 0; s != NULL && i < n; i++)
		if (names[i][0] != '\0' && strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

const char *
kind_name(enum kind k)
{
	return kind_names[k];
}

int
kind_parse(const char *s, enum kind *k)
{
	int	i = parse_name(s, kind_names, (int)nitems(kind_names));

	if (i < 0)
		return -1;
	*k = (enum kind)i;
	return 0;
}

const char *
stage_name(enum stage s)
{
	return stage_names[s];
}

int
stage_parse(const char *s, enum stage *st)
{
	int	i = parse_name(s, stage_names, STAGE__COUNT);

	if (i < 0)
		return -1;
	*st = (enum stage)i;
	return 0;
}

const char *
resolution_name(enum resolution r)
{
	return resolution_names[r];
}

int
resolution_parse(const char *s, enum resolution *r)
{
	int	i = parse_name(s, resolution_names,
	    (int)nitems(resolution_names));

	if (i <= 0)
		return -1;
	*r = (enum resolution)i;
	return 0;
}

int
incident_key_parse(const char *s, int64_t *id)
{
	long long	v;

	if (s == NULL)
		return -1;
	if (strncasecmp(s, "IR-", 3) == 0)
		s += 3;
	if (!isdigit((unsigned char)*s))
		return -1;
	if (util_parse_int(s, 1, INT64_MAX, &v) != 0)
		return -1;
	*id = v;
	return 0;
}

void
incident_key_format(int64_t id, char out[INCIDENT_KEY_MAX])
{
	snprintf(out, INCIDENT_KEY_MAX, "IR-%" PRId64, id);
}

int
stage_check_move(enum stage from, enum stage to, bool has_reason, char *why,
    size_t whylen)
{
	if (to == STAGE_CLOSE) {
		snprintf(why, whylen, "closing is its own act: use close "
		    "with a resolution");
		return -1;
	}
	if (from == to) {
		snprintf(why, whylen, "the incident is already in stage %s",
		    stage_name(to));
		return -1;
	}
	if (to == from + 1)
		return 0;
	if (!has_reason) {
		snprintf(why, whylen, "moving from %s %s to %s needs a reason",
		    stage_name(from), to < from ? "back" : "ahead",
		    stage_name(to));
		return -1;
	}
	return 0;
}
