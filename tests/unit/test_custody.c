/*
 * test_custody.c: the pure parts of evidence (custody.c) — item ids, the
 * --hash and --clock-offset arguments, event kinds — and the streaming
 * hasher (filehash.c) on real temporary files: published digests of
 * "abc", a file many buffers long against OpenSSL's one-shot digest, an
 * empty file, a file that changes while it is read, a directory, a
 * missing file, and a stop request between two reads.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <openssl/evp.h>

#include "vigil/custody.h"
#include "vigil/filehash.h"

static void
test_ids(void **state)
{
	char	id[CUSTODY_ID_MAX];
	int64_t	n;

	(void)state;
	custody_id(12, id);
	assert_string_equal(id, "E12");
	assert_int_equal(custody_id_parse("E12", &n), 0);
	assert_int_equal(n, 12);
	assert_int_equal(custody_id_parse("e3", &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(custody_id_parse("7", &n), 0);
	assert_int_equal(n, 7);
	assert_int_equal(custody_id_parse("E0", &n), -1);
	assert_int_equal(custody_id_parse("E", &n), -1);
	assert_int_equal(custody_id_parse("E1x", &n), -1);
	assert_int_equal(custody_id_parse("R1", &n), -1);
	assert_int_equal(custody_id_parse("E+3", &n), -1);
	assert_int_equal(custody_id_parse("E 3", &n), -1);
	assert_int_equal(custody_id_parse(NULL, &n), -1);
}

static void
test_hash_arguments(void **state)
{
	const char	*hex = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9C"
	    "B410FF61F20015AD";
	char		 out[CUSTODY_HEX_MAX], arg[80];

	(void)state;
	snprintf(arg, sizeof arg, "sha256:%s", hex);
	assert_int_equal(custody_hash_parse(arg, out), 0);
	assert_string_equal(out, "ba7816bf8f01cfea414140de5dae2223b00361a3961"
	    "77a9cb410ff61f20015ad");
	assert_int_equal(custody_hash_parse(hex, out), 0);
	snprintf(arg, sizeof arg, "SHA256:%s", hex);
	assert_int_equal(custody_hash_parse(arg, out), 0);
	snprintf(arg, sizeof arg, "sha256:%.63s", hex);
	assert_int_equal(custody_hash_parse(arg, out), -1);	/* short */
	snprintf(arg, sizeof arg, "sha256:%s0", hex);
	assert_int_equal(custody_hash_parse(arg, out), -1);	/* long */
	snprintf(arg, sizeof arg, "sha256:%.63sg", hex);
	assert_int_equal(custody_hash_parse(arg, out), -1);	/* not hex */
	snprintf(arg, sizeof arg, "md5:%.32s", hex);
	assert_int_equal(custody_hash_parse(arg, out), -1);
	assert_int_equal(custody_hash_parse(NULL, out), -1);
}

static void
test_offsets(void **state)
{
	char	s[64];
	int64_t	v;

	(void)state;
	assert_int_equal(custody_offset_parse("+37", &v), 0);
	assert_int_equal(v, 37);
	assert_int_equal(custody_offset_parse("-3600", &v), 0);
	assert_int_equal(v, -3600);
	assert_int_equal(custody_offset_parse("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(custody_offset_parse("", &v), -1);
	assert_int_equal(custody_offset_parse("37s", &v), -1);
	assert_int_equal(custody_offset_parse("+-3", &v), -1);
	assert_int_equal(custody_offset_parse(" 3", &v), -1);
	assert_int_equal(custody_offset_parse("999999999999", &v), -1);
	custody_offset_format(0, s, sizeof s);
	assert_string_equal(s, "0 s");
	custody_offset_format(37, s, sizeof s);
	assert_string_equal(s, "+37 s");
	custody_offset_format(-125, s, sizeof s);
	assert_string_equal(s, "-2 min 05 s");
	custody_offset_format(3723, s, sizeof s);
	assert_string_equal(s, "+1 h 02 min 03 s");
}

static void
test_progress_text(void **state)
{
	char	s[160];

	(void)state;
	custody_bytes(512, s, sizeof s);
	assert_string_equal(s, "512 B");
	custody_bytes(3LL << 29, s, sizeof s);
	assert_string_equal(s, "1.5 GiB");
	/* half of 1 GiB in 2 s: 256 MiB/s, 2 s left */
	custody_progress(1LL << 29, 1LL << 30, 2000000000LL, s, sizeof s);
	assert_string_equal(s, " 50% 512.0 MiB of 1.0 GiB, 256.0 MiB/s, "
	    "00:00:02 left");
	custody_progress(0, 0, 0, s, sizeof s);
	assert_string_equal(s, "100% 0 B of 0 B, 0 B/s, 00:00:00 left");
}

static void
test_kinds(void **state)
{
	enum custody_kind	k;
	int			i;

	(void)state;
	for (i = 0; i < CUSTODY__COUNT; i++) {
		assert_int_equal(custody_kind_parse(custody_kind_name(
		    (enum custody_kind)i), &k), 0);
		assert_int_equal((int)k, i);
	}
	assert_int_equal(custody_kind_parse("delete", &k), -1);
}

/* A temporary file holding n bytes of data. */
static void
tmpfile_with(char *path, size_t len, const void *data, size_t n)
{
	FILE	*f;
	int	 fd;

	snprintf(path, len, "%s/vigil-fh-XXXXXX", getenv("TMPDIR") != NULL ?
	    getenv("TMPDIR") : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	if (n > 0)
		assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static void
test_filehash_vectors(void **state)
{
	struct filehash_result	r;
	struct verr		e;
	char			path[256];

	(void)state;
	tmpfile_with(path, sizeof path, "abc", 3);
	assert_int_equal(filehash_file(path, FILEHASH_SHA1 | FILEHASH_MD5,
	    NULL, NULL, NULL, &r, &e), 0);
	assert_string_equal(r.sha256, "ba7816bf8f01cfea414140de5dae2223b00361"
	    "a396177a9cb410ff61f20015ad");
	assert_string_equal(r.sha1, "a9993e364706816aba3e25717850c26c9cd0d89d");
	assert_string_equal(r.md5, "900150983cd24fb0d6963f7d28e17f72");
	assert_int_equal(r.size, 3);
	assert_true(r.path[0] == '/');
	unlink(path);
	/* without the extra algorithms they stay empty */
	tmpfile_with(path, sizeof path, NULL, 0);
	assert_int_equal(filehash_file(path, 0, NULL, NULL, NULL, &r, &e), 0);
	assert_string_equal(r.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41"
	    "e4649b934ca495991b7852b855");
	assert_string_equal(r.sha1, "");
	assert_string_equal(r.md5, "");
	assert_int_equal(r.size, 0);
	unlink(path);
}

static int	progress_calls;

static void
count_progress(void *arg, const struct filehash *fh)
{
	int64_t	done, total;

	(void)arg;
	filehash_progress(fh, &done, &total, NULL);
	assert_true(done <= total);
	progress_calls++;
}

static void
test_filehash_long_file(void **state)
{
	struct filehash_result	 r;
	struct verr		 e;
	unsigned char		 md[EVP_MAX_MD_SIZE];
	unsigned		 mdlen, i;
	char			 path[256], hex[65];
	size_t			 n = 5 * 1024 * 1024 + 12345;
	unsigned char		*data = malloc(n);

	(void)state;
	assert_non_null(data);
	for (i = 0; i < n; i++)
		data[i] = (unsigned char)(i * 2654435761u >> 24);
	tmpfile_with(path, sizeof path, data, n);
	assert_int_equal(EVP_Digest(data, n, md, &mdlen, EVP_sha256(), NULL),
	    1);
	for (i = 0; i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	progress_calls = 0;
	assert_int_equal(filehash_file(path, 0, count_progress, NULL, NULL, &r,
	    &e), 0);
	assert_string_equal(r.sha256, hex);
	assert_int_equal(r.size, (int64_t)n);
	assert_true(progress_calls >= 1);	/* at least the final one */
	unlink(path);
	free(data);
}

static void
test_filehash_refusals(void **state)
{
	struct filehash_result	 r;
	struct filehash		*fh;
	struct verr		 e;
	volatile sig_atomic_t	 stop = 1;
	char			 path[256], big[300000];
	FILE			*f;

	(void)state;
	assert_int_equal(filehash_file("/nonexistent/x.img", 0, NULL, NULL,
	    NULL, &r, &e), -1);
	assert_int_equal(e.code, VERR_NOINPUT);
	assert_int_equal(filehash_file("/", 0, NULL, NULL, NULL, &r, &e), -1);
	assert_int_equal(e.code, VERR_DATA);
	assert_non_null(strstr(e.msg, "not a regular file"));

	memset(big, 'x', sizeof big);
	tmpfile_with(path, sizeof path, big, sizeof big);
	assert_int_equal(filehash_file(path, 0, NULL, NULL, &stop, &r, &e), -1);
	assert_int_equal(e.code, VERR_INTERRUPTED);
	/* a file that grows while it is read is refused */
	fh = filehash_open(path, 0, &e);
	assert_non_null(fh);
	assert_int_equal(filehash_step(fh, 1, &e), 0);
	f = fopen(path, "a");
	assert_non_null(f);
	fputs("appended", f);
	fclose(f);
	while (filehash_step(fh, 0, &e) == 0)
		;
	assert_int_equal(filehash_finish(fh, &r, &e), -1);
	assert_non_null(strstr(e.msg, "changed while it was being hashed"));
	filehash_free(&fh);
	assert_null(fh);
	filehash_free(&fh);	/* NULL is fine */
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_hash_arguments),
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_progress_text),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_filehash_vectors),
		cmocka_unit_test(test_filehash_long_file),
		cmocka_unit_test(test_filehash_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
