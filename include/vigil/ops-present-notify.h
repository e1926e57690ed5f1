/*
 * ops-present-notify.h: recipients as JSON, for `show --json` (the
 * "recipients" array of an incident object) and `recipient list --json`.
 * Pure formatting of records already read; key order fixed.
 */
#ifndef VIGIL_OPS_PRESENT_NOTIFY_H
#define VIGIL_OPS_PRESENT_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "vigil/buf.h"
#include "vigil/store-notify.h"

/*
 * Write an array with one object per recipient: "key" ("R1"), "name",
 * "kind", "channel", "state", "sent_at" (UTC or null). With full, also
 * "contact", the other states' times and logins and the waive reason.
 * Call it after json_key(j, "recipients") inside an incident object.
 */
void	present_recipients_json(struct json *, const struct recipient *,
	    size_t, bool full);

#endif
