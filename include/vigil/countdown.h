/*
 * countdown.h: the words and glyphs of a clock state (docs/CONSOLE.md,
 * "Deadlines on the screen"), shared by the console and the command line
 * so both say the same thing. Colour never carries the meaning: these
 * strings do.
 */
#ifndef VIGIL_COUNTDOWN_H
#define VIGIL_COUNTDOWN_H

#include <stddef.h>
#include <stdint.h>

#include "vigil/deadline.h"

/*
 * "OK  T-51:13:07", "!   T-17:40:02", "!!  T-05:12:29", "OVERDUE +3h12m",
 * "MET", "MET 2h05m early", "MISSED by 2h", "HELD", "-" (none),
 * "PENDING", "ERROR". Always fits in 24 bytes of ASCII.
 */
void	countdown_label(const struct deadline *, char *out, size_t len);
/* The glyph alone: "OK", "!", "!!", "OVERDUE", "MET", "MISSED", "-". */
const char *countdown_glyph(enum clock_state);

#endif
