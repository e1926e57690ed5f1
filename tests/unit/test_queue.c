/*
 * test_queue.c: the queue's order key (queue.c): a clock counts from its
 * warning threshold, the earliest clock wins, an unowned SEV1/SEV2 counts
 * from its creation, and nothing to attend to means no key.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "vigil/queue.h"

static void
test_key(void **state)
{
	struct queue_clock	c72 = { 0, 72 * 3600 }, c6 = { 100, 100 + 6 * 3600 };
	struct queue_clock	both[2] = { { 0, 72 * 3600 }, { 100, 100 + 6 * 3600 } };
	struct queue_clock	odd = { 50, 50 };
	bool			has;

	(void)state;
	assert_int_equal(queue_warn_at(&c72), 54 * 3600);	/* 18 h before */
	assert_int_equal(queue_warn_at(&c6), 100 + 6 * 3600 - 5400);
	assert_int_equal(queue_warn_at(&odd), 50);
	/* the earlier threshold of two clocks */
	assert_int_equal(queue_key(both, 2, 3, true, 0, &has), 100 + 16200);
	assert_true(has);
	/* an unowned SEV1 counts from its creation when that is earlier */
	assert_int_equal(queue_key(&c72, 1, 1, false, 1000, &has), 1000);
	assert_int_equal(queue_key(&c72, 1, 2, false, 60 * 3600, &has),
	    54 * 3600);
	/* ... and from creation with no clock at all */
	assert_int_equal(queue_key(NULL, 0, 2, false, 777, &has), 777);
	assert_true(has);
	/* owned, or SEV3: nothing calls for attention */
	queue_key(NULL, 0, 1, true, 777, &has);
	assert_false(has);
	queue_key(NULL, 0, 3, false, 777, &has);
	assert_false(has);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
