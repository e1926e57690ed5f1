/*
 * milestone.c: the notification ladder and its ordering rule. Pure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/milestone.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

static const char *const ladder[LADDER_STEPS] = {
	"event_started", "detected", "oncall_engaged", "response_engaged",
	"incident_confirmed", "impact_determined", "customers_determined",
	"customers_notified",
};

static const char *const triggers[] = {
	"aware", "classified_major", "materiality_determined", "discovered",
	"ransom_paid", "assessed_notifiable", "handled",
	"exploited_vulnerability_aware", "severe_incident_aware",
	"fix_available", "high_risk_assessed",
};

/* new_clock: a declaration the EIM said starts a clock of its own */
static const char *const system_only[] = { "declared", "retracted",
    "new_clock" };

void
milestone_clear(struct milestone *m)
{
	free(m->recorded_by);
	free(m->note);
	memset(m, 0, sizeof *m);
}

void
milestone_list_free(struct milestone **list, size_t n)
{
	size_t	i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++)
		milestone_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

const char *
milestone_ladder_name(int step)
{
	return step >= 0 && step < LADDER_STEPS ? ladder[step] : NULL;
}

int
milestone_ladder_index(const char *name)
{
	int	i;

	for (i = 0; i < LADDER_STEPS; i++)
		if (strcmp(name, ladder[i]) == 0)
			return i;
	return -1;
}

/* "sent:" followed by a rule id: [a-z0-9._-]+, at most 64 bytes. */
static bool
sent_name(const char *name)
{
	const char	*p;

	if (strncmp(name, "sent:", 5) != 0)
		return false;
	p = name + 5;
	if (*p == '\0' || strlen(p) > 64)
		return false;
	for (; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '-' || *p == '_'))
			return false;
	return true;
}

bool
milestone_user_name(const char *name)
{
	size_t	i;

	if (milestone_ladder_index(name) >= 0 || sent_name(name))
		return true;
	for (i = 0; i < nitems(triggers); i++)
		if (strcmp(name, triggers[i]) == 0)
			return true;
	return false;
}

bool
milestone_known_name(const char *name)
{
	size_t	i;

	for (i = 0; i < nitems(system_only); i++)
		if (strcmp(name, system_only[i]) == 0)
			return true;
	return milestone_user_name(name);
}

const char *
milestone_user_names(void)
{
	return "event_started detected oncall_engaged response_engaged "
	    "incident_confirmed impact_determined customers_determined "
	    "customers_notified aware classified_major materiality_determined "
	    "discovered ransom_paid assessed_notifiable handled "
	    "exploited_vulnerability_aware severe_incident_aware fix_available "
	    "high_risk_assessed sent:RULE";
}

bool
milestone_once(const char *name)
{
	return milestone_ladder_index(name) >= 0;
}

int
milestone_check(const char *name, int64_t at, const struct milestone *rec,
    size_t n, char *why, size_t whylen)
{
	int	step = milestone_ladder_index(name), other;
	size_t	i;
	char	t[TIMEFMT_MAX];

	for (i = 0; i < n; i++) {
		if (milestone_once(name) && strcmp(rec[i].name, name) == 0) {
			timefmt_utc(rec[i].at, t);
			snprintf(why, whylen, "%s is already recorded (at %s)",
			    name, t);
			return -1;
		}
		if (step < 0 || (other = milestone_ladder_index(rec[i].name)) < 0)
			continue;
		if (other < step && at < rec[i].at) {
			timefmt_utc(rec[i].at, t);
			snprintf(why, whylen, "%s cannot be earlier than %s "
			    "(%s)", name, rec[i].name, t);
			return -1;
		}
		if (other > step && at > rec[i].at) {
			timefmt_utc(rec[i].at, t);
			snprintf(why, whylen, "%s cannot be later than %s (%s)",
			    name, rec[i].name, t);
			return -1;
		}
	}
	return 0;
}
