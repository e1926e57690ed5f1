/*
 * tz-load.c: a time zone read from its TZif file and handed to the pure
 * parser of src/model/tz.c (tz_parse).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/ops-load.h"
#include "vigil/tz.h"
#include "vigil/util.h"

int
tz_load(const char *dir, const char *name, struct tz **out, struct verr *e)
{
	FILE	*f;
	char	*path, *data;
	size_t	 len;
	int	 rc;

	*out = NULL;
	if (!tz_valid_name(name))
		return verr_set(e, VERR_DATA, "invalid time zone name");
	if (strcmp(name, "UTC") == 0) {
		*out = tz_new_utc();
		return 0;
	}
	xasprintf(&path, "%s/%s", dir != NULL ? dir : TZ_ZONEINFO_DIR, name);
	if ((f = fopen(path, "rb")) == NULL) {
		rc = verr_set(e, VERR_NOINPUT, "unknown time zone %s: %s", name,
		    strerror(errno));
		free(path);
		return rc;
	}
	free(path);
	data = xmalloc(TZ_FILE_MAX);
	len = fread(data, 1, TZ_FILE_MAX, f);
	if (ferror(f)) {
		fclose(f);
		free(data);
		return verr_set(e, VERR_IOERR, "time zone %s: read error",
		    name);
	}
	fclose(f);
	rc = tz_parse(name, data, len, out, e);
	free(data);
	return rc;
}
