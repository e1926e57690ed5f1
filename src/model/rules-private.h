/*
 * rules-private.h: what the two parsers of src/model share, the rules
 * parser (rules.c) and the calendar parser (calendar.c): a cursor over the
 * lines of one file in memory, and the small checks both apply.
 */
#ifndef VIGIL_RULES_PRIVATE_H
#define VIGIL_RULES_PRIVATE_H

#include <stdbool.h>

#include "vigil/rules.h"

/* A cursor over the lines of one file in memory. */
struct reader {
	struct ruleset	*rs;
	const char	*fname;
	const char	*p, *end;
	int		 lineno;
	int		 nerr;
	char		 line[RULE_LINE_MAX + 1];
};

/* An error at the reader's current line. */
#define READER_ERROR(r, ...) do {					\
	ruleset_error((r)->rs, (r)->fname, (r)->lineno, __VA_ARGS__);	\
	(r)->nerr++;							\
} while (0)

/* A blank inside a line: space or tab. */
bool	rules_is_space(char c);
/*
 * The next line, with its comment and surrounding blanks removed, in
 * r->line. Returns 1 for a line to look at, 0 for one to skip (blank or
 * reported as unreadable), -1 at the end of the text.
 */
int	rules_reader_next(struct reader *r);
/* Split "key = value" in place; -1 when there is no '='. */
int	rules_split_key(char *line, char **key, char **value);
/* [a-z0-9._-]+, at most RULE_ID_MAX bytes: rule and calendar ids. */
bool	rules_valid_id(const char *s);
/* A reviewed date: "YYYY-MM" or "YYYY-MM-DD". */
bool	rules_valid_reviewed(const char *v);
/* Free what a calendar owns and zero it (calendar.c). */
void	calendar_clear(struct calendar *c);

#endif
