// The marketing calls the console makes, with its key.
import { marketingCall as call } from "../shared/marketing.js";

const club = (clubId) => `/api/clubs/${encodeURIComponent(clubId)}`;

export const listClubs = () => call("/api/clubs");
export const putClub = (clubId, body) => call(club(clubId), { method: "PUT", body });
export const joinClub = (clubId, memberId) => call(`${club(clubId)}/members/${encodeURIComponent(memberId)}`, { method: "PUT" });
export const leaveClub = (clubId, memberId) => call(`${club(clubId)}/members/${encodeURIComponent(memberId)}`, { method: "DELETE" });
export const clubAudit = () => call("/api/clubs/audit");

export const listPromotions = (active) => call(active ? `/api/promotions?active=${active}` : "/api/promotions");
export const createPromotion = (body) => call("/api/promotions", { method: "POST", body });
export const endPromotion = (id) => call(`/api/promotions/${encodeURIComponent(id)}/end`, { method: "POST" });
export const promotionAudit = () => call("/api/promotions/audit");

