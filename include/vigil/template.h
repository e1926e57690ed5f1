/*
 * template.h: bulletin templates. A template is text (Markdown) with
 * placeholders written {{name}} (spaces inside the braces are allowed:
 * {{ name }}); a name is lower-case letters, digits and '_'. Rendering is
 * one pass: substituted values are never scanned again, so text from the
 * database cannot inject placeholders. Pure: the caller reads the file
 * and supplies the values.
 */
#ifndef VIGIL_TEMPLATE_H
#define VIGIL_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#define TEMPLATE_NAME_MAX 64

struct template_var {
	const char	*name;		/* borrowed */
	const char	*value;		/* borrowed; NULL renders as "" */
};

/*
 * Render tmpl with vars[0..n). A placeholder whose name is not among the
 * vars is left in the output exactly as written (so the writer sees it
 * in the draft) and counted in *unknown (may be NULL); the first such
 * name is copied to first (may be NULL, firstlen bytes). Anything that is
 * not a well-formed placeholder ("{{", "{{a b}}") is ordinary text.
 * Returns an owned string; never fails.
 */
char	*template_render(const char *tmpl, const struct template_var *vars,
	    size_t n, int *unknown, char *first, size_t firstlen);

/*
 * Is s a template name users may give (--template NAME): 1 to
 * TEMPLATE_NAME_MAX-1 characters of [a-z0-9_-], starting with a letter or
 * digit? Such a name cannot leave the templates directory.
 */
bool	 template_name_valid(const char *s);

/*
 * The template's width: the widest line of tmpl (in characters), not
 * counting lines that hold a placeholder, whose width depends on what is
 * substituted. 72 when no line says otherwise.
 */
int	 template_width(const char *tmpl);
/*
 * Re-wrap the lines of text wider than width at spaces; a continuation
 * keeps the line's indentation, and a list item's ("- ", "* ", "1. ")
 * text lines up under its first word. Lines that fit are unchanged; a
 * word wider than width stays whole. Returns an owned string.
 */
char	*template_wrap(const char *text, int width);

#endif
