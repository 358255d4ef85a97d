import type { Lead, LeadInput, LeadSource, LeadStatus, Trade } from "../api/types";

/** What the lead form edits: strings as typed, converted to the API's types on submit. */
export interface LeadFormValues {
  name: string;
  phone: string;
  email: string;
  address: string;
  city: string;
  postcode: string;
  lat: string;
  lng: string;
  trade: Trade | "";
  description: string;
  source: LeadSource;
  status: LeadStatus;
  assigneeId: string;
  tags: string[];
  notes: string;
}

export function formValues(lead?: Lead): LeadFormValues {
  return {
    name: lead?.name ?? "",
    phone: lead?.phone ?? "",
    email: lead?.email ?? "",
    address: lead?.address ?? "",
    city: lead?.city ?? "",
    postcode: lead?.postcode ?? "",
    lat: lead?.lat?.toString() ?? "",
    lng: lead?.lng?.toString() ?? "",
    trade: lead?.trade ?? "",
    description: lead?.description ?? "",
    source: lead?.source ?? "manual",
    status: lead?.status ?? "new",
    assigneeId: lead?.assigneeId ?? "",
    tags: lead?.tags ?? [],
    notes: lead?.notes ?? "",
  };
}

const text = (value: string) => value.trim() || null;
const coordinate = (value: string) => (value.trim() === "" ? null : Number(value));

export function toLeadInput(values: LeadFormValues): LeadInput {
  return {
    name: values.name.trim(),
    phone: text(values.phone),
    email: text(values.email),
    address: text(values.address),
    city: text(values.city),
    postcode: text(values.postcode),
    lat: coordinate(values.lat),
    lng: coordinate(values.lng),
    trade: values.trade || null,
    description: text(values.description),
    source: values.source,
    status: values.status,
    assigneeId: values.assigneeId || null,
    tags: values.tags,
    notes: text(values.notes),
  };
}
