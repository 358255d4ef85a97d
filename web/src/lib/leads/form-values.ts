import type { Lead, LeadInput, LeadSource, LeadStatus, Trade } from "../api/types";

/** What the lead form edits, as typed (number inputs bind as number | null), converted to the API's types on submit. */
export interface LeadFormValues {
  name: string;
  phone: string;
  email: string;
  address: string;
  city: string;
  postcode: string;
  lat: number | null;
  lng: number | null;
  trade: Trade | "";
  description: string;
  source: LeadSource;
  status: LeadStatus;
  assigneeId: string;
  tags: string[];
  notes: string;
}

/** What the form calls each field (the API's names are the keys), for its labels and error summary. */
export const LEAD_FIELD_LABELS: Record<keyof LeadFormValues, string> = {
  name: "Name",
  phone: "Phone",
  email: "Email",
  address: "Street address",
  city: "City",
  postcode: "Postcode",
  lat: "Latitude",
  lng: "Longitude",
  trade: "Trade",
  description: "Job description",
  source: "Source",
  status: "Status",
  assigneeId: "Assignee",
  tags: "Tags",
  notes: "Notes",
};

export function formValues(lead?: Lead): LeadFormValues {
  return {
    name: lead?.name ?? "",
    phone: lead?.phone ?? "",
    email: lead?.email ?? "",
    address: lead?.address ?? "",
    city: lead?.city ?? "",
    postcode: lead?.postcode ?? "",
    lat: lead?.lat ?? null,
    lng: lead?.lng ?? null,
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

export function toLeadInput(values: LeadFormValues): LeadInput {
  return {
    name: values.name.trim(),
    phone: text(values.phone),
    email: text(values.email),
    address: text(values.address),
    city: text(values.city),
    postcode: text(values.postcode),
    lat: values.lat ?? null,
    lng: values.lng ?? null,
    trade: values.trade || null,
    description: text(values.description),
    source: values.source,
    status: values.status,
    assigneeId: values.assigneeId || null,
    tags: values.tags,
    notes: text(values.notes),
  };
}
