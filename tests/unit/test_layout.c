/*
 * test_layout.c: the console's layout arithmetic (tui-layout.h), without a
 * terminal: the 80x24 floor, what 80x24 must show (docs/CONSOLE.md rule
 * 11), what wider and taller terminals add, and for every size from the
 * floor to 250x80 that no rectangle leaves the screen or overlaps another.
 *
 * Unit tests link vigil-core only, and layout.c lives in the console's
 * library; being pure (no curses), it is compiled in here directly, which
 * also proves it needs nothing of curses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vigil/tui-layout.h"
#include "../../src/tui/layout.c"

static void
test_too_small(void **state)
{
	struct layout	l;

	(void)state;
	layout_compute(LAYOUT_MAIN, 79, 24, &l);
	assert_true(l.too_small);
	layout_compute(LAYOUT_MAIN, 80, 23, &l);
	assert_true(l.too_small);
	layout_compute(LAYOUT_MAIN, 60, 20, &l);
	assert_true(l.too_small);
	assert_int_equal(l.cols, 60);
	assert_int_equal(l.rows, 20);
	layout_compute(LAYOUT_INCIDENT, 0, 0, &l);
	assert_true(l.too_small);
	layout_compute(LAYOUT_MAIN, 80, 24, &l);
	assert_false(l.too_small);
}

static void
test_main_80x24(void **state)
{
	struct layout	l;

	(void)state;
	layout_compute(LAYOUT_MAIN, 80, 24, &l);
	assert_int_equal(l.header.y, 0);
	assert_int_equal(l.hints.y, 23);
	assert_int_equal(l.status.y, 22);
	assert_int_equal(l.message.y, 21);
	/* the queue shows several incidents, the five roles fit */
	assert_true(l.queue_rows >= 4);
	assert_false(l.all_roles);
	assert_true(l.roles.h - 2 >= 5);
	assert_true(l.deadline.h - 2 >= 4);
	assert_int_equal(l.roles.y, l.deadline.y);
	assert_int_equal(l.roles.w + l.deadline.w, 80);
	/* a timeline strip of at least one line, no pane */
	assert_false(l.timeline_pane);
	assert_true(l.timeline.h >= 1);
	assert_int_equal(l.timeline.y + l.timeline.h, l.message.y);
	assert_false(l.wide);
}

static void
test_main_tall_wide(void **state)
{
	struct layout	l;

	(void)state;
	layout_compute(LAYOUT_MAIN, 80, 30, &l);
	assert_true(l.all_roles);
	assert_true(l.roles.h - 2 >= 7);
	layout_compute(LAYOUT_MAIN, 132, 43, &l);
	assert_true(l.wide);
	assert_true(l.timeline_pane);
	assert_true(l.all_roles);
	assert_int_equal(l.timeline.y, l.roles.y);
	assert_int_equal(l.roles.w + l.deadline.w + l.timeline.w, 132);
	assert_true(l.queue_rows >= 10);
	layout_compute(LAYOUT_MAIN, 119, 43, &l);
	assert_false(l.wide);
	assert_false(l.timeline_pane);
}

static void
test_incident(void **state)
{
	struct layout	l;

	(void)state;
	layout_compute(LAYOUT_INCIDENT, 80, 24, &l);
	assert_false(l.too_small);
	assert_true(l.all_roles);
	assert_true(l.roles.h - 2 >= 7);
	assert_true(l.ladder.h - 2 >= 8);	/* the whole ladder */
	assert_true(l.timeline.h >= 3);
	assert_int_equal(l.queue.h, 0);
	/* recipients and evidence share the bottom right with the timeline */
	assert_true(l.recipients.h - 2 >= 2);
	assert_true(l.evidence.h - 2 >= 1);
	assert_true(l.timeline.h - 2 >= 1);
	assert_int_equal(l.recipients.x, l.timeline.x);
	assert_int_equal(l.evidence.x, l.timeline.x);
	assert_int_equal(l.recipients.y + l.recipients.h, l.evidence.y);
	assert_int_equal(l.evidence.y + l.evidence.h, l.timeline.y);
	/* taller: the evidence under the whole ladder */
	layout_compute(LAYOUT_INCIDENT, 80, 30, &l);
	assert_int_equal(l.ladder.h, 10);
	assert_int_equal(l.evidence.x, 0);
	assert_int_equal(l.ladder.y + l.ladder.h, l.evidence.y);
	assert_true(l.evidence.h - 2 >= 2);
	assert_int_equal(l.recipients.y + l.recipients.h, l.timeline.y);
	layout_compute(LAYOUT_INCIDENT, 132, 43, &l);
	/* recipients, evidence and timeline: the full height */
	assert_int_equal(l.recipients.h + l.evidence.h + l.timeline.h, 39);
	assert_true(l.recipients.h - 2 >= 8);
	assert_true(l.evidence.h - 2 >= 6);
	assert_true(l.ladder.h - 2 >= 8);
}

static void
test_review(void **state)
{
	struct layout	l;

	(void)state;
	layout_compute(LAYOUT_REVIEW, 80, 24, &l);
	assert_false(l.too_small);
	assert_int_equal(l.body.y, 1);
	assert_int_equal(l.body.h, 20);
	assert_int_equal(l.queue_rows, 17);	/* less box and header */
	assert_int_equal(l.queue.h, 0);
}

static bool
inside(const struct rect *r, int cols, int rows)
{
	if (r->h == 0 || r->w == 0)
		return true;
	return r->y >= 0 && r->x >= 0 && r->y + r->h <= rows &&
	    r->x + r->w <= cols;
}

static bool
overlap(const struct rect *a, const struct rect *b)
{
	if (a->h == 0 || a->w == 0 || b->h == 0 || b->w == 0)
		return false;
	return a->x < b->x + b->w && b->x < a->x + a->w &&
	    a->y < b->y + b->h && b->y < a->y + a->h;
}

static void
test_every_size(void **state)
{
	static const enum layout_view views[] = {
		LAYOUT_MAIN, LAYOUT_INCIDENT, LAYOUT_HELP, LAYOUT_REVIEW,
	};
	struct layout	l;
	struct rect	r[12];
	size_t		v, i, j;
	int		c, w;

	(void)state;
	for (v = 0; v < 4; v++)
		for (c = 80; c <= 250; c++)
			for (w = 24; w <= 80; w++) {
				layout_compute(views[v], c, w, &l);
				assert_false(l.too_small);
				r[0] = l.header;
				r[1] = l.queue;
				r[2] = l.roles;
				r[3] = l.deadline;
				r[4] = l.ladder;
				r[5] = l.timeline;
				r[6] = l.body;
				r[7] = l.message;
				r[8] = l.status;
				r[9] = l.hints;
				r[10] = l.recipients;
				r[11] = l.evidence;
				for (i = 0; i < 12; i++) {
					assert_true(inside(&r[i], c, w));
					for (j = i + 1; j < 12; j++)
						assert_false(overlap(&r[i],
						    &r[j]));
				}
				if (views[v] == LAYOUT_MAIN) {
					assert_true(l.queue_rows >= 4);
					assert_true(l.roles.h - 2 >= 5);
				}
			}
}

/* With tasks: a tasks pane at every size, still no overlap. */
static void
test_incident_with_tasks(void **state)
{
	struct layout	l;
	struct rect	r[8];
	size_t		i, j;
	int		c, w;

	(void)state;
	for (c = 80; c <= 250; c++)
		for (w = 24; w <= 80; w++) {
			layout_compute(LAYOUT_INCIDENT, c, w, &l);
			layout_with_tasks(&l);
			r[0] = l.roles;
			r[1] = l.deadline;
			r[2] = l.ladder;
			r[3] = l.timeline;
			r[4] = l.recipients;
			r[5] = l.tasks;
			r[6] = l.header;
			r[7] = l.message;
			assert_true(l.tasks.h - 2 >= 2);
			assert_true(l.tasks.w >= 38);
			for (i = 0; i < 8; i++) {
				assert_true(inside(&r[i], c, w));
				for (j = i + 1; j < 8; j++)
					assert_false(overlap(&r[i], &r[j]));
			}
			assert_true(l.timeline.h - 2 >= 1);
		}
	/* 80x24: the tasks take the ladder's place, nine rows of them */
	layout_compute(LAYOUT_INCIDENT, 80, 24, &l);
	layout_with_tasks(&l);
	assert_int_equal(l.ladder.h, 0);
	assert_int_equal(l.tasks.h - 2, 9);
	/* the main view has no tasks pane */
	layout_compute(LAYOUT_MAIN, 120, 40, &l);
	layout_with_tasks(&l);
	assert_int_equal(l.tasks.h, 0);
}

static void
test_queue_cols(void **state)
{
	struct queue_cols	c;
	int			w;

	(void)state;
	layout_queue_cols(78, 5, false, &c);
	assert_int_equal(c.key_x, 2);
	assert_true(c.sev_x >= c.key_x + c.key_w + 1);
	assert_true(c.stage_x >= c.sev_x + c.sev_w + 1);
	assert_true(c.title_x >= c.stage_x + c.stage_w + 1);
	assert_true(c.title_w >= 24);
	assert_true(c.sim_x >= c.title_x + c.title_w + 1);
	assert_true(c.deadline_x >= c.sim_x + c.sim_w + 1);
	assert_int_equal(c.deadline_w, 16);	/* "MISSED by 16h52m" */
	assert_true(c.deadline_x + c.deadline_w <= 78);
	assert_int_equal(c.eim_w, 0);
	assert_int_equal(c.updated_w, 0);
	/* keys of a million incidents, and wide terminals */
	layout_queue_cols(78, 10, false, &c);
	assert_int_equal(c.key_w, 10);
	assert_true(c.title_w >= 8);
	layout_queue_cols(130, 6, true, &c);
	assert_true(c.eim_w > 0 && c.updated_w > 0);
	assert_true(c.eim_x >= c.sim_x + c.sim_w + 1);
	assert_true(c.updated_x >= c.eim_x + c.eim_w + 1);
	assert_true(c.deadline_x >= c.updated_x + c.updated_w + 1);
	for (w = 78; w < 300; w++) {
		layout_queue_cols(w, 7, w >= 118, &c);
		assert_true(c.deadline_x + c.deadline_w <= w);
		assert_true(c.title_w >= 8);
	}
}

static void
test_scroll(void **state)
{
	(void)state;
	assert_int_equal(layout_scroll(0, 0, 0, 5), 0);
	assert_int_equal(layout_scroll(0, 3, 10, 5), 0);
	assert_int_equal(layout_scroll(0, 5, 10, 5), 1);
	assert_int_equal(layout_scroll(4, 2, 10, 5), 2);
	assert_int_equal(layout_scroll(8, 9, 10, 5), 5);
	assert_int_equal(layout_scroll(0, 99, 10, 5), 5);
	assert_int_equal(layout_scroll(3, -1, 10, 5), 0);
	assert_int_equal(layout_scroll(3, 1, 2, 5), 0);
	assert_int_equal(layout_scroll(3, 1, 2, 0), 0);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_too_small),
		cmocka_unit_test(test_main_80x24),
		cmocka_unit_test(test_main_tall_wide),
		cmocka_unit_test(test_incident),
		cmocka_unit_test(test_review),
		cmocka_unit_test(test_every_size),
		cmocka_unit_test(test_incident_with_tasks),
		cmocka_unit_test(test_queue_cols),
		cmocka_unit_test(test_scroll),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
