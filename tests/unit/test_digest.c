/*
 * test_digest.c: which journal entries the hand-off digest shows, and in
 * which section (digest.c): others' acts only, roles only when given to
 * or taken from the reader, and the sections read back in order.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vigil/digest.h"
#include "vigil/util.h"

static void
test_classify(void **state)
{
	(void)state;
	assert_int_equal(digest_classify("incident.new", "bob", "alice", NULL,
	    NULL), DIGEST_OPENED);
	assert_int_equal(digest_classify("incident.new", "alice", "alice",
	    NULL, NULL), -1);			/* one's own act */
	assert_int_equal(digest_classify("breach.declare", "carol", "alice",
	    NULL, NULL), DIGEST_DECLARED);
	assert_int_equal(digest_classify("breach.retract", "carol", "alice",
	    NULL, NULL), DIGEST_DECLARED);
	assert_int_equal(digest_classify("role.assign", "bob", "alice",
	    "alice", NULL), DIGEST_ROLE);	/* given to me */
	assert_int_equal(digest_classify("role.assign", "bob", "alice",
	    "dave", "alice"), DIGEST_ROLE);	/* taken from me */
	assert_int_equal(digest_classify("role.assign", "bob", "alice",
	    "dave", NULL), -1);			/* none of mine */
	assert_int_equal(digest_classify("role.release", "bob", "alice",
	    "alice", NULL), DIGEST_ROLE);
	assert_int_equal(digest_classify("recipient.sent", "erin", "alice",
	    NULL, NULL), DIGEST_NOTIFIED);
	assert_int_equal(digest_classify("recipient.waive", "carol", "alice",
	    NULL, NULL), DIGEST_NOTIFIED);
	assert_int_equal(digest_classify("incident.close", "bob", "alice",
	    NULL, NULL), DIGEST_CLOSED);
	assert_int_equal(digest_classify("note.add", "bob", "alice", NULL,
	    NULL), -1);
	assert_int_equal(digest_classify(NULL, "bob", "alice", NULL, NULL), -1);
	/* tasks: given to me, taken from me; others' and my own are not */
	assert_int_equal(digest_classify("task.assign", "bob", "alice",
	    "alice", NULL), DIGEST_TASK_MINE);
	assert_int_equal(digest_classify("task.assign", "bob", "alice",
	    NULL, "alice"), DIGEST_TASK_MINE);
	assert_int_equal(digest_classify("task.assign", "bob", "alice",
	    "dave", NULL), -1);
	assert_int_equal(digest_classify("task.assign", "alice", "alice",
	    "alice", NULL), -1);
	assert_int_equal(digest_classify("task.add", "bob", "alice", NULL,
	    NULL), -1);
	assert_string_equal(digest_kind_title(DIGEST_TASK_DUE),
	    "Your tasks that fell due");
	assert_string_equal(digest_kind_title(DIGEST_ROLE), "Your roles");
}

static void
test_sections(void **state)
{
	struct digest			 d;
	const struct digest_item	*it;
	size_t				 n;

	(void)state;
	memset(&d, 0, sizeof d);
	d.v = xcalloc(3, sizeof *d.v);
	d.v[0].kind = DIGEST_OPENED;
	d.v[0].text = xstrdup("a");
	d.v[1].kind = DIGEST_OPENED;
	d.v[1].text = xstrdup("b");
	d.v[2].kind = DIGEST_CLOSED;
	d.v[2].text = xstrdup("c");
	d.n = 3;
	it = digest_section(&d, DIGEST_OPENED, &n);
	assert_int_equal(n, 2);
	assert_string_equal(it[1].text, "b");
	it = digest_section(&d, DIGEST_CLOSED, &n);
	assert_int_equal(n, 1);
	assert_string_equal(it[0].text, "c");
	assert_null(digest_section(&d, DIGEST_ROLE, &n));
	assert_int_equal(n, 0);
	digest_clear(&d);
	assert_null(d.v);
	assert_int_equal(d.n, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_sections),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
