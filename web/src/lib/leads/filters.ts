import { LEAD_SORTS, LEAD_SOURCES, LEAD_STATUSES, type LeadSort, type LeadSource, type LeadStatus } from "../api/types";

/** The lead list's filters, as kept in the page URL (?q=…&status=new,contacted…). */
export interface LeadFilters {
  q: string;
  status: LeadStatus[];
  source: LeadSource[];
  scoreMin: string;
  scoreMax: string;
  hot: "" | "true" | "false";
  assigneeId: string;
  tag: string;
  /** YYYY-MM-DD, in the user's time zone. */
  createdFrom: string;
  createdTo: string;
  sort: LeadSort;
}

export const DEFAULT_SORT: LeadSort = "-createdAt";

const TEXT_KEYS = ["q", "scoreMin", "scoreMax", "assigneeId", "tag", "createdFrom", "createdTo"] as const;

const listOf = <T extends string>(raw: string | null, allowed: readonly T[]): T[] =>
  (raw ?? "").split(",").filter((v): v is T => (allowed as readonly string[]).includes(v));

export function filtersFromParams(params: Pick<URLSearchParams, "get">): LeadFilters {
  const hot = params.get("hot");
  const sort = params.get("sort") as LeadSort | null;
  return {
    q: params.get("q") ?? "",
    status: listOf(params.get("status"), LEAD_STATUSES),
    source: listOf(params.get("source"), LEAD_SOURCES),
    scoreMin: params.get("scoreMin") ?? "",
    scoreMax: params.get("scoreMax") ?? "",
    hot: hot === "true" || hot === "false" ? hot : "",
    assigneeId: params.get("assigneeId") ?? "",
    tag: params.get("tag") ?? "",
    createdFrom: params.get("createdFrom") ?? "",
    createdTo: params.get("createdTo") ?? "",
    sort: sort && LEAD_SORTS.includes(sort) ? sort : DEFAULT_SORT,
  };
}

/** For the page URL: only what differs from the defaults. */
export function filtersToParams(filters: LeadFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of TEXT_KEYS) if (filters[key].trim()) params.set(key, filters[key].trim());
  if (filters.status.length) params.set("status", filters.status.join(","));
  if (filters.source.length) params.set("source", filters.source.join(","));
  if (filters.hot) params.set("hot", filters.hot);
  if (filters.sort !== DEFAULT_SORT) params.set("sort", filters.sort);
  return params;
}

/** For GET /leads and /leads/export.csv: dates become the user's local day bounds. */
export function filtersToApiQuery(filters: LeadFilters): URLSearchParams {
  const params = filtersToParams(filters);
  params.set("sort", filters.sort);
  if (filters.createdFrom) params.set("createdFrom", localDayBound(filters.createdFrom, "start"));
  if (filters.createdTo) params.set("createdTo", localDayBound(filters.createdTo, "end"));
  return params;
}

/** How many filters beyond search and sort are set (for the "Filters (3)" button). */
export function activeFilterCount(filters: LeadFilters): number {
  const set = [
    filters.status.length,
    filters.source.length,
    filters.scoreMin,
    filters.scoreMax,
    filters.hot,
    filters.assigneeId,
    filters.tag,
    filters.createdFrom || filters.createdTo,
  ];
  return set.filter(Boolean).length;
}

function localDayBound(day: string, bound: "start" | "end"): string {
  const [year = 0, month = 1, date = 1] = day.split("-").map(Number);
  const at = bound === "start" ? new Date(year, month - 1, date) : new Date(year, month - 1, date, 23, 59, 59, 999);
  return at.toISOString();
}

/** The filters' labels as the filter bar shows them, for problems the API reports about a query. */
export const FILTER_LABELS = {
  q: "Search",
  status: "Status",
  source: "Source",
  scoreMin: "Minimum score",
  scoreMax: "Maximum score",
  hot: "Hot",
  assigneeId: "Assignee",
  tag: "Tag",
  createdFrom: "Created from",
  createdTo: "Created to",
  sort: "Sort",
} as const;
