/*
 * present-notify.c: the JSON form of an incident's recipients (the
 * "recipients" array of `show --json`, and `recipient list --json`).
 */
#include "vigil/ops-notify.h"
#include "vigil/ops-present-notify.h"

void
present_recipients_json(struct json *j, const struct recipient *v, size_t n,
    bool full)
{
	char	id[RECIPIENT_ID_MAX];
	size_t	i;

	json_arr_open(j);
	for (i = 0; i < n; i++) {
		const struct recipient	*r = &v[i];

		ops_recipient_id(r->num, id);
		json_obj_open(j);
		json_kstr(j, "key", id);
		json_kstr(j, "name", r->name);
		json_kstr(j, "kind", recipient_kind_name(r->kind));
		json_kstr(j, "channel", recipient_channel_name(r->channel));
		json_kstr(j, "state", recipient_state_name(r->state));
		json_ktime(j, "sent_at", r->sent_at, r->has_sent);
		if (full) {
			json_kstr(j, "contact", r->contact);
			json_kstr(j, "sent_by", r->has_sent ? r->sent_by :
			    NULL);
			json_ktime(j, "created_at", r->created_at, true);
			json_kstr(j, "created_by", r->created_by);
			json_ktime(j, "drafted_at", r->drafted_at,
			    r->has_drafted);
			json_kstr(j, "drafted_by", r->has_drafted ?
			    r->drafted_by : NULL);
			json_ktime(j, "acknowledged_at", r->acked_at,
			    r->has_acked);
			json_kstr(j, "acknowledged_by", r->has_acked ?
			    r->acked_by : NULL);
			json_ktime(j, "waived_at", r->waived_at,
			    r->has_waived);
			json_kstr(j, "waived_by", r->has_waived ?
			    r->waived_by : NULL);
			json_kstr(j, "waive_reason", r->has_waived ?
			    r->waive_reason : NULL);
		}
		json_obj_close(j);
	}
	json_arr_close(j);
}
