import type { Env, WaitUntil } from "../env";
import { tenantInfo } from "../team/tenant-info";
import { leadSummary, publishActivity } from "../activity";
import { leadReader } from "../leads/repository";
import { leadWriter } from "../leads/mutations";
import { TRADES, type LeadPatchInput, type LeadView } from "../leads/model";
import { toE164 } from "../leads/phone";
import type { JobDetails } from "../conversation-engine/engine";
import { summarizeJob } from "../conversation-engine/job-summary";
import type { ConversationState } from "./state";
import { alertUrgentLead } from "../notifications/alerts";

/** Conversations write leads through the CRM's own writer, so scoring and the timeline stay one piece of code. */
const CHANNEL_LABEL = { whatsapp: "WhatsApp", sms: "SMS", voice: "Voice" } as const;

export async function leadAccess(env: Env, tenantId: string, channel: "whatsapp" | "sms" | "voice") {
  const tenant = await tenantInfo(env, tenantId);
  const actor = { id: null, name: `${CHANNEL_LABEL[channel]} assistant` };
  return { tenant, actor, writer: leadWriter(env, tenant, actor), reader: leadReader(env, tenant.id, tenant.country) };
}

export type LeadAccess = Awaited<ReturnType<typeof leadAccess>>;

/** The contact's phone in E.164 (wa_id has no "+"), or null when it is not a phone number. */
export function contactPhone(address: string, country: string): string | null {
  const raw = address.replace(/^whatsapp:/, "");
  return toE164(/^\d+$/.test(raw) ? `+${raw}` : raw, country);
}

/**
 * The conversation's lead: an open lead with the same phone is reused, otherwise one is
 * created (source whatsapp/sms/voice). Announced on the activity feed.
 */
export async function ensureLead(
  env: Env,
  ctx: WaitUntil,
  access: LeadAccess,
  state: ConversationState,
  firstText: string,
): Promise<string> {
  if (state.leadId && (await access.reader.get(state.leadId))) return state.leadId;
  const [existing] = state.contactPhone ? await access.reader.duplicatesOf(state.contactPhone, null) : [];
  if (existing) {
    state.leadId = existing.id;
    return existing.id;
  }
  const lead = await access.writer.create(
    {
      name: state.contactName ?? `${CHANNEL_LABEL[state.channel]} ${state.contactPhone ?? state.contactAddress}`,
      phone: state.contactPhone,
      source: state.channel,
      status: "new",
      tags: [],
      description: summarizeJob(undefined, firstText) ?? null,
    },
    { allowDuplicate: true },
  );
  state.leadId = lead.id;
  publishActivity(env, ctx, access.tenant.id, { type: "lead.created", actor: access.actor, lead: leadSummary(lead) });
  return lead.id;
}

/** Job details onto the lead (re-scored by the writer). An emergency is written into the description, which is what scoring reads. */
export async function syncLead(
  env: Env,
  ctx: WaitUntil,
  access: LeadAccess,
  leadId: string,
  job: JobDetails,
  becameUrgent: boolean,
): Promise<LeadView> {
  const patch: LeadPatchInput = {};
  if (job.name) patch.name = job.name.slice(0, 120);
  if (job.address) patch.address = job.address.slice(0, 200);
  if (job.city) patch.city = job.city.slice(0, 100);
  if (job.postcode) patch.postcode = job.postcode.slice(0, 20);
  if (job.lat !== undefined && job.lng !== undefined) Object.assign(patch, { lat: job.lat, lng: job.lng });
  if (job.trade) patch.trade = (TRADES as readonly string[]).includes(job.trade) ? (job.trade as LeadPatchInput["trade"]) : "other";
  const description = [job.description, job.urgency ? `Urgency: ${job.urgency}` : null].filter(Boolean).join("\n");
  if (description) patch.description = description.slice(0, 4000);
  const lead = await access.writer.update(leadId, patch);
  publishActivity(env, ctx, access.tenant.id, {
    type: becameUrgent ? "lead.urgent" : "lead.updated",
    actor: access.actor,
    lead: leadSummary(lead),
  });
  if (becameUrgent) await alertUrgentLead(env, access.tenant.id, lead);
  return lead;
}

export async function setLeadStatus(
  env: Env,
  ctx: WaitUntil,
  access: LeadAccess,
  leadId: string,
  status: LeadView["status"],
): Promise<void> {
  const lead = await access.writer.update(leadId, { status });
  publishActivity(env, ctx, access.tenant.id, { type: "lead.updated", actor: access.actor, lead: leadSummary(lead) });
}
