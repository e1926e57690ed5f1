/*
 * countdown.c: labels of clock states. Pure.
 */
#include <stdio.h>

#include "vigil/countdown.h"
#include "vigil/timefmt.h"

const char *
countdown_glyph(enum clock_state s)
{
	switch (s) {
	case CLOCK_OK:		return "OK";
	case CLOCK_WARN:	return "!";
	case CLOCK_CRITICAL:	return "!!";
	case CLOCK_OVERDUE:	return "OVERDUE";
	case CLOCK_HELD:	return "HELD";
	case CLOCK_MET:		return "MET";
	case CLOCK_MISSED:	return "MISSED";
	case CLOCK_PENDING:	return "PENDING";
	case CLOCK_ERROR:	return "ERROR";
	case CLOCK_RETRACTED:	return "RETRACTED";
	case CLOCK_NONE:
	case CLOCK__COUNT:
		break;
	}
	return "-";
}

void
countdown_label(const struct deadline *d, char *out, size_t len)
{
	char	t[TIMEFMT_MAX];

	switch (d->state) {
	case CLOCK_OK:
	case CLOCK_WARN:
	case CLOCK_CRITICAL:
		timefmt_hms(d->remaining, t);
		snprintf(out, len, "%-2s T-%s", countdown_glyph(d->state), t);
		break;
	case CLOCK_OVERDUE:
		timefmt_span(d->remaining, t);
		snprintf(out, len, "OVERDUE +%s", t);
		break;
	case CLOCK_MET:
		snprintf(out, len, "MET");
		break;
	case CLOCK_MISSED:
		timefmt_span(d->remaining, t);
		snprintf(out, len, "MISSED by %s", t);
		break;
	default:
		snprintf(out, len, "%s", countdown_glyph(d->state));
		break;
	}
}
