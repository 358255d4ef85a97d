import { and, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { badRequest } from "../http/problem";
import { toE164 } from "../leads/phone";

export interface BookingCustomerInput {
  leadId?: string | null;
  customerName?: string;
  customerPhone?: string | null;
  address?: string | null;
  trade?: string | null;
  summary?: string | null;
}

export interface BookingCustomer {
  leadId: string | null;
  customerName: string;
  customerPhone: string | null;
  address: string | null;
  trade: string | null;
  summary: string | null;
}

const PHONE_HINT = "Enter the customer's phone number with its country code, e.g. +1 512 555 0100.";

/**
 * Who a booking is for: a lead of this workspace (its name, number and address come with it) or a
 * new customer with a name, a phone number that can be called and an address a pro can drive to.
 * A booking without any of them is a slot nobody can keep.
 */
export async function bookingCustomer(
  env: Env,
  tenant: { id: string; country: string },
  input: BookingCustomerInput,
): Promise<BookingCustomer> {
  if (input.leadId) {
    const { leads } = tables;
    const lead = await database(env.DB).query.leads.findFirst({
      where: and(eq(leads.tenantId, tenant.id), eq(leads.id, input.leadId)),
    });
    // Another workspace's lead does not exist here: the caller named a lead it cannot have.
    if (!lead)
      throw badRequest("That lead is not in this workspace; choose one of your leads or leave it empty.", {
        errors: [{ field: "leadId", message: "Unknown lead." }],
      });
    const address = [lead.address, lead.city, lead.postcode].filter(Boolean).join(", ");
    return {
      leadId: lead.id,
      customerName: lead.name,
      customerPhone: lead.phone,
      address: input.address?.trim() || address || null,
      trade: input.trade ?? lead.trade,
      summary: input.summary ?? lead.description,
    };
  }
  const errors: { field: string; message: string }[] = [];
  const name = input.customerName?.trim() ?? "";
  const phone = input.customerPhone?.trim() ? toE164(input.customerPhone, tenant.country) : null;
  const address = input.address?.trim() ?? "";
  if (!name) errors.push({ field: "customerName", message: "Enter the customer's name, or pick a lead." });
  if (!phone) errors.push({ field: "customerPhone", message: PHONE_HINT });
  // A street address has a number and a street at least ("1 Main St").
  if (!/\d/.test(address) || !/\p{L}{2,}/u.test(address))
    errors.push({ field: "address", message: "Enter the job's address: number, street and town." });
  if (errors.length)
    throw badRequest(
      errors.length === 1
        ? `${errors[0]!.field}: ${errors[0]!.message}`
        : `${errors.length} fields need attention: ${errors.map((e) => e.field).join(", ")}.`,
      { errors },
    );
  return { leadId: null, customerName: name, customerPhone: phone, address, trade: input.trade ?? null, summary: input.summary ?? null };
}
