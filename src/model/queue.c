/*
 * queue.c: the queue's order key (see queue.h for the rule and why).
 */
#include "vigil/queue.h"

int64_t
queue_warn_at(const struct queue_clock *c)
{
	if (c->due <= c->start)
		return c->due;
	return c->due - (c->due - c->start) / 4;
}

int64_t
queue_key(const struct queue_clock *c, size_t n, int severity, bool has_sim,
    int64_t created_at, bool *has)
{
	int64_t	key = 0, w;
	size_t	i;

	*has = false;
	for (i = 0; i < n; i++) {
		w = queue_warn_at(&c[i]);
		if (!*has || w < key)
			key = w;
		*has = true;
	}
	if (severity <= 2 && !has_sim && (!*has || created_at < key)) {
		key = created_at;
		*has = true;
	}
	return *has ? key : 0;
}
