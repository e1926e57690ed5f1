/*
 * test_sentence.c: journal payloads read back (payload.c) and journal
 * entries as sentences (sentence.c). The coverage test reads the sources
 * of src/ops and fails when an action they journal has no sentence of its
 * own, so a new action cannot reach the timeline as raw JSON unnoticed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <cmocka.h>

#include "vigil/payload.h"
#include "vigil/recipient.h"
#include "vigil/sentence.h"

static void
test_payload(void **state)
{
	struct payload	p;

	(void)state;
	assert_int_equal(payload_parse("{}", &p), 0);
	assert_int_equal(p.n, 0);
	payload_clear(&p);
	assert_int_equal(payload_parse("{\"role\":\"sim\",\"n\":3,\"ok\":"
	    "true,\"x\":null,\"enable\":[\"gdpr-33\",\"nis2\"],\"t\":\"a\\\""
	    "b\\n\\u00e9\\ud83d\\ude00\"}", &p), 0);
	assert_int_equal(p.n, 6);
	assert_string_equal(payload_get(&p, "role"), "sim");
	assert_string_equal(payload_get(&p, "n"), "3");
	assert_string_equal(payload_get(&p, "ok"), "true");
	assert_null(payload_get(&p, "x"));
	assert_null(payload_get(&p, "absent"));
	assert_string_equal(payload_get(&p, "enable"), "gdpr-33, nis2");
	assert_string_equal(payload_get(&p, "t"),
	    "a\"b\n\xc3\xa9\xf0\x9f\x98\x80");
	payload_clear(&p);
	assert_int_equal(payload_parse(" { \"a\" : { \"b\" : [1, \"}\"] } } ",
	    &p), 0);
	assert_string_equal(payload_get(&p, "a"), "{ \"b\" : [1, \"}\"] }");
	payload_clear(&p);
	/* broken text: an error, never a crash */
	assert_int_equal(payload_parse(NULL, &p), -1);
	payload_clear(&p);
	assert_int_equal(payload_parse("", &p), -1);
	payload_clear(&p);
	assert_int_equal(payload_parse("{\"a\":\"unterminated", &p), -1);
	payload_clear(&p);
	assert_int_equal(payload_parse("{\"a\":1,}", &p), -1);
	payload_clear(&p);
	assert_int_equal(payload_parse("{\"a\":1} trailing", &p), -1);
	payload_clear(&p);
	assert_int_equal(payload_parse("{\"a\":\"\\x\"}", &p), -1);
	payload_clear(&p);
	assert_int_equal(payload_parse("{\"a\":[1,2", &p), -1);
	payload_clear(&p);
}

static void
check(const char *action, const char *payload, const char *actor,
    const char *want)
{
	char	*s = sentence_raw(action, payload, actor);

	assert_string_equal(s, want);
	free(s);
}

static void
test_sentences(void **state)
{
	(void)state;
	check("role.assign", "{\"role\":\"eim\",\"login\":\"carol\","
	    "\"note\":\"logs in /srv/case\"}", "bob",
	    "bob assigned carol as EIM \xe2\x80\x94 hand-off: logs in /srv/case");
	check("role.assign", "{\"role\":\"sim\",\"login\":\"bob\","
	    "\"previous\":\"alice\"}", "bob",
	    "bob took the SIM role, taking over from alice");
	check("breach.declare", "{\"milestone\":\"declared\",\"at\":"
	    "\"2026-11-22T08:50:00Z\",\"note\":\"customer records exfiltrated"
	    "\",\"reason\":\"customer records exfiltrated\",\"due\":"
	    "\"2026-11-25T08:50:00Z\"}", "carol",
	    "carol declared a customer data breach: customer records "
	    "exfiltrated (customers to be notified by 2026-11-25T08:50:00Z)");
	check("milestone.record", "{\"milestone\":\"classified_major\","
	    "\"at\":\"2026-11-22T09:50:00+01:00\"}", "alice",
	    "alice recorded the milestone classified major at "
	    "2026-11-22T09:50:00+01:00");
	check("stage.change", "{\"from\":\"assess\",\"to\":\"detect\","
	    "\"reason\":\"misread\"}", "bob",
	    "bob moved the incident from assess to detect: misread");
	check("denied", "{\"attempt\":\"declare\",\"reason\":\"only the "
	    "EIM declares\"}", "mallory", "mallory was refused: declare "
	    "\xe2\x80\x94 only the EIM declares");
	check("recipient.sent", "{\"recipient\":\"R2\",\"name\":\"Acme\","
	    "\"state\":\"sent\",\"at\":\"2026-11-23T10:00:00Z\"}", "dave",
	    "dave notified R2 Acme at 2026-11-23T10:00:00Z");
	check("incident.set", "{\"description\":{\"old\":\"\",\"new\":"
	    "\"wipers\"},\"severity\":{\"old\":2,\"new\":1}}", "bob",
	    "bob changed the description (empty) to wipers, the severity from "
	    "2 to 1");
	check("incident.set", "{\"description\":{\"old\":\"wipers\","
	    "\"new\":\"\"}}", "bob",
	    "bob changed the description from wipers to nothing");
	check("clocks.enable", "{\"enable\":[\"gdpr-33\",\"nis2-early\"]}",
	    "bob", "bob enabled the clocks gdpr-33, nis2-early");
	/* no sentence of its own: every field still shown, uuid left out */
	check("evidence.teleport", "{\"uuid\":\"u\",\"to\":\"mars\"}", "zed",
	    "zed did evidence.teleport: to=mars");
	/* an unreadable payload is shown as it is */
	check("note.add", "{\"text\":", "bob",
	    "bob noted:  (payload unreadable: {\"text\":)");
	check("note.add", "{\"text\":\"hi\"}", NULL, "someone noted: hi");
}

/* File names are the only other dotted words src/ops may quote. */
static int
is_file(const char *s, size_t len)
{
	static const char *const ext[] = { ".db", ".c", ".h", ".rules",
	    ".cal", ".md", ".json", ".txt", ".tmpl", ".plan" };
	size_t	i, l;

	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		l = strlen(ext[i]);
		if (len > l && strncmp(s + len - l, ext[i], l) == 0)
			return 1;
	}
	return 0;
}

/* Every "x.y" string literal of one source file that looks like an
 * action name, added to names. */
static void
scan_file(const char *path, char ***names, size_t *n)
{
	FILE	*f = fopen(path, "r");
	char	 line[4096], *p, *q;
	size_t	 len;

	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL) {
		if (strstr(line, "#include") != NULL)
			continue;
		for (p = line; (p = strchr(p, '"')) != NULL; p = q + 1) {
			if ((q = strchr(p + 1, '"')) == NULL)
				break;
			len = (size_t)(q - p - 1);
			if (len == 0 || len > 60 ||
			    strspn(p + 1, "abcdefghijklmnopqrstuvwxyz_.%") !=
			    len || memchr(p + 1, '.', len) == NULL ||
			    p[1] == '.' || q[-1] == '.' || is_file(p + 1, len))
				continue;
			*names = realloc(*names, (*n + 1) * sizeof **names);
			(*names)[(*n)++] = strndup(p + 1, len);
		}
	}
	fclose(f);
}

static void
test_every_action(void **state)
{
	const char	*share = getenv("VIGIL_SHARE");
	char		 dir[4096], path[4400], name[64];
	char		**names = NULL;
	size_t		 n = 0, i, missing = 0;
	struct dirent	*de;
	DIR		*d;
	int		 s;

	(void)state;
	assert_non_null(share);
	snprintf(dir, sizeof dir, "%s/../../src/ops", share);
	assert_non_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL) {
		if (strlen(de->d_name) < 3 ||
		    strcmp(de->d_name + strlen(de->d_name) - 2, ".c") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		scan_file(path, &names, &n);
	}
	closedir(d);
	/* the ones every version of src/ops has: the scan must see them */
	assert_true(n >= 20);
	for (i = 0; i < n; i++)
		if (strcmp(names[i], "database.create") == 0)
			break;
	assert_true(i < n);
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], "recipient.%s") == 0) {
			for (s = 0; s < RSTATE__COUNT; s++) {
				snprintf(name, sizeof name, "recipient.%s",
				    recipient_state_name((enum recipient_state)
				    s));
				if (!sentence_known(name)) {
					print_error("no sentence for %s\n",
					    name);
					missing++;
				}
			}
		} else if (strchr(names[i], '%') != NULL) {
			/* a format string of a file name, not an action */
		} else if (!sentence_known(names[i])) {
			print_error("no sentence for %s\n", names[i]);
			missing++;
		}
		free(names[i]);
	}
	free(names);
	if (!sentence_known("denied"))
		missing++;
	assert_int_equal(missing, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_payload),
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_every_action),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
