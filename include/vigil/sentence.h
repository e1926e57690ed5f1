/*
 * sentence.h: a journal entry as a sentence a person reads ("bob assigned
 * carol as EIM — hand-off: logs are in /srv/case"), for the console's
 * timeline, `vigil journal` and the exports. Pure: the caller parses the
 * payload (payload.h) and sanitizes the result before it reaches a
 * terminal (the text inside comes from users).
 */
#ifndef VIGIL_SENTENCE_H
#define VIGIL_SENTENCE_H

#include <stdbool.h>

#include "vigil/payload.h"

/*
 * The sentence for one entry: `action` as journaled ("role.assign"), its
 * parsed payload p and the actor's login (all borrowed). Returns an owned
 * string; an action without a sentence of its own reads "actor did
 * action: key=value ...", so nothing is ever lost.
 */
char	*sentence(const char *action, const struct payload *p,
	    const char *actor);
/* The same from the raw payload text (parsed here; bad JSON shown raw). */
char	*sentence_raw(const char *action, const char *payload,
	    const char *actor);
/* Has action a sentence of its own (not the generic fallback)? */
bool	 sentence_known(const char *action);

#endif
