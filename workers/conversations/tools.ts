import type { Env, WaitUntil } from "../env";
import { publishActivity } from "../activity";
import { log } from "../http/log";
import {
  missingDetails,
  type BookingOutcome,
  type EngineTools,
  type JobDetails,
  type OfferedSlot,
  type SlotSearch,
} from "../conversation-engine/engine";
import { findPro } from "../matching/find-pro";
import { activeAssignment, assignLead, endAssignment } from "../matching/assign";
import { availableSlots } from "../booking/slots";
import { cancelBooking } from "../booking/book";
import { slotLabel } from "../booking/zoned-time";
import { busyByPro, loadProfiles } from "../pros/repository";

import { setLeadStatus, syncLead, type LeadAccess } from "./lead-sync";
import { locateJob } from "./locate";
import { notifyPro } from "./notify";
import type { ConversationState } from "./state";
import { proCalendar } from "../../durable-objects/stubs";
import { alertBooking } from "../notifications/alerts";

const DAY = 86_400_000;
const OFFER = 3;

export interface ToolContext {
  env: Env;
  ctx: WaitUntil;
  state: ConversationState;
  leads: LeadAccess;
  now: () => number;
}

/**
 * The engine's tools for one conversation. Every lookup is by the conversation's own tenant:
 * a pro, slot or booking of another tenant does not exist here.
 */
export function conversationTools(tc: ToolContext): EngineTools {
  const { env, ctx, state, leads } = tc;
  const tenantId = state.tenantId;
  const asOffers = (slots: { start: number; end: number }[], pro: { id: string; name: string; timeZone: string }): OfferedSlot[] =>
    slots.map((s, i) => ({
      id: `s${i + 1}`,
      proId: pro.id,
      proName: pro.name,
      start: s.start,
      end: s.end,
      label: slotLabel(pro.timeZone, s.start),
    }));

  async function currentPro() {
    if (!state.proId || !state.leadId) return null;
    const assignment = await activeAssignment(env, tenantId, state.leadId);
    if (!assignment || assignment.proId !== state.proId) return null;
    const [profile] = await loadProfiles(env, tenantId, { ids: [state.proId], activeOnly: true });
    return profile ?? null;
  }

  return {
    async saveJobDetails(details: JobDetails) {
      const wasUrgent = state.job.urgency === "emergency";
      const defined = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined && v !== null && v !== ""));
      state.job = await locateJob(env, state.job, { ...state.job, ...defined }, leads.tenant.country);
      if (state.leadId) await syncLead(env, ctx, leads, state.leadId, state.job, !wasUrgent && state.job.urgency === "emergency");
      return { job: state.job, missing: missingDetails(state.job) };
    },

    async findAvailableSlots(): Promise<SlotSearch> {
      const now = tc.now();
      if (!state.job.trade) return { ok: false, problem: "The trade is not known yet: save the job details first." };
      let profile = await currentPro();
      let slots = profile
        ? availableSlots(
            profile.schedule,
            (await busyByPro(env, tenantId, [profile.pro.id], now - DAY, now + 8 * DAY)).get(profile.pro.id)!,
            { from: now, days: 7, now, limit: OFFER },
          )
        : [];
      if (!profile || !slots.length) {
        const match = await findPro(
          env,
          tenantId,
          {
            trade: state.job.trade,
            postcode: state.job.postcode,
            city: state.job.city,
            lat: state.job.lat,
            lng: state.job.lng,
            locatedBy: state.job.locatedBy,
          },
          now,
          { slotLimit: OFFER },
        );
        if (!match.ok) return { ok: false, problem: `No pro can take this job: ${match.why}.` };
        profile = match.profile;
        slots = match.slots;
        if (state.leadId) await assignLead(env, { tenantId, leadId: state.leadId, proId: profile.pro.id, reason: match.reason, now });
        state.proId = profile.pro.id;
      }
      state.offered = asOffers(slots, profile.pro);
      if (state.stage !== "booked") state.stage = "offering";
      return { ok: true, proName: profile.pro.name, slots: state.offered };
    },

    async bookSlot(slotId: string): Promise<BookingOutcome> {
      const slot = state.offered.find((s) => s.id === slotId);
      if (!slot) return { ok: false, reason: "that is not one of the times offered.", alternatives: state.offered };
      const rescheduling = state.booking !== null;
      const result = await proCalendar(env, tenantId, slot.proId).book({
        tenantId,
        proId: slot.proId,
        start: slot.start,
        customerName: state.job.name ?? state.contactName ?? "Customer",
        customerPhone: state.contactPhone,
        leadId: state.leadId,
        conversationId: state.conversationId,
        trade: state.job.trade ?? null,
        summary: state.job.description ?? null,
        address: [state.job.address, state.job.city, state.job.postcode].filter(Boolean).join(", ") || null,
        replaces: state.booking?.id ?? null,
      });
      if (!result.ok) {
        state.offered = result.alternatives.map((a, i) => ({
          id: `s${i + 1}`,
          proId: slot.proId,
          proName: slot.proName,
          start: a.start,
          end: a.end,
          label: a.label,
        }));
        return { ok: false, reason: result.reason, alternatives: state.offered };
      }
      state.booking = { id: result.booking.id, label: result.label, proName: result.proName };
      state.stage = "booked";
      state.offered = [];
      if (state.leadId && !rescheduling) await setLeadStatus(env, ctx, leads, state.leadId, "booked");
      await notifyPro(
        env,
        tenantId,
        slot.proId,
        `${rescheduling ? "Rescheduled" : "New booking"}: ${result.label}, ${state.job.trade ?? "job"} for ${result.booking.customerName}${result.booking.address ? ` at ${result.booking.address}` : ""}. Customer: ${state.contactPhone ?? state.contactAddress}.${state.job.description ? ` "${state.job.description.slice(0, 200)}"` : ""}`,
        `booking:${result.booking.id}`,
      );
      publishActivity(env, ctx, tenantId, { type: rescheduling ? "booking.rescheduled" : "booking.created", actor: leads.actor });
      await alertBooking(env, {
        tenantId,
        bookingId: result.booking.id,
        change: rescheduling ? "rescheduled" : "created",
        label: result.label,
        customerName: result.booking.customerName,
        proName: result.proName,
      });
      return { ok: true, label: result.label, proName: result.proName, rescheduled: rescheduling };
    },

    async cancelBooking() {
      if (!state.booking) return { ok: false, detail: "There is no booking to cancel." };
      const cancelled = await cancelBooking(env, tenantId, state.booking.id, tc.now());
      const label = state.booking.label;
      state.booking = null;
      state.stage = "collecting";
      if (!cancelled) return { ok: false, detail: "That booking was already cancelled." };
      if (state.leadId) {
        await endAssignment(env, tenantId, state.leadId, "released", tc.now());
        await setLeadStatus(env, ctx, leads, state.leadId, "contacted");
      }
      await notifyPro(env, tenantId, cancelled.proId, `Cancelled: ${label}, ${cancelled.customerName}.`, `cancel:${cancelled.id}`);
      publishActivity(env, ctx, tenantId, { type: "booking.cancelled", actor: leads.actor });
      await alertBooking(env, { tenantId, bookingId: cancelled.id, change: "cancelled", label, customerName: cancelled.customerName });
      return {
        ok: true,
        detail: `Your booking for ${label} is cancelled. ${state.channel === "voice" ? "Call" : "Message"} us any time if you need us again.`,
      };
    },

    async handoffToHuman(reason: string) {
      state.mode = "human";
      state.stage = "handoff";
      log("info", "conversation handed to the team", { tenantId, conversationId: state.conversationId, reason: reason.slice(0, 200) });
      publishActivity(env, ctx, tenantId, { type: "conversation.handoff", actor: leads.actor });
    },
  };
}
