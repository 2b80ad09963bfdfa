// The insights calls the page makes, with the marketing key (GET /api/insights/...).
import { marketingCall } from "../shared/marketing.js";

const get = (path, query) => marketingCall(`/api/insights/${path}?${new URLSearchParams(query)}`);

export const retention = (count = 12) => get("retention", { period: "month", count });
export const atRisk = (reason, limit, offset) => get("at-risk", reason ? { reason, limit, offset } : { limit, offset });
/** The top share of members (a decimal such as 0.2) and the revenue they bring, with up to limit of them listed. */
export const topMembers = (share, limit = 100) => get("top-members", { share, limit });
export const lost = (months, limit = 100) => get("lost", { months, limit });
