// "Delete my data": the member erases themself (GDPR), after a confirmation that says what is deleted and that the
// points are lost. The engine answers the same however often it is asked, so a retry after a lost answer is safe.
import { ApiError, callApi, memberPath } from "../shared/api.js";
import { byId, showError } from "../shared/render.js";

export const ERASED_MESSAGE = "Your data was deleted and you are signed out. Your points are gone; you are welcome to join again.";

const ui = {
  start: byId("erase-start"),
  confirm: byId("erase-confirm"),
  points: byId("erase-points"),
  understood: byId("erase-understood"),
  go: byId("erase-go"),
  cancel: byId("erase-cancel"),
  error: byId("erase-error"),
};

/**
 * Wires the erasure to the member's session: session() gives the member id and its token, points() the balance to
 * name in the confirmation, onErased() runs once the engine has erased the member.
 * @param {{ session: () => { memberId: string, accessToken: string } | null, points: () => number, onErased: () => void }} options
 */
export function setUpErasure({ session, points, onErased }) {
  ui.start.addEventListener("click", () => {
    ui.points.textContent = String(points());
    ui.understood.checked = false;
    ui.go.disabled = true;
    showError(ui.error, null);
    ui.confirm.hidden = false;
    ui.start.hidden = true;
    ui.understood.focus();
  });
  ui.understood.addEventListener("change", () => { ui.go.disabled = !ui.understood.checked; });
  ui.cancel.addEventListener("click", closeErasure);
  ui.go.addEventListener("click", async () => {
    const current = session();
    if (!current || !ui.understood.checked) return;
    ui.go.disabled = true;
    try {
      await callApi(memberPath(current.memberId), { method: "DELETE", headers: { Authorization: `Bearer ${current.accessToken}` } });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 410) { // 410: erased already (an earlier answer was lost)
        showError(ui.error, `Your data could not be deleted: ${error.problem?.detail ?? error.message}. Try again.`);
        ui.go.disabled = false;
        return;
      }
    }
    closeErasure();
    onErased();
  });
}

/** Back to the "Delete my data" button, the confirmation closed (also when the member signs out). */
export function closeErasure() {
  ui.confirm.hidden = true;
  ui.start.hidden = false;
  ui.understood.checked = false;
  ui.go.disabled = true;
  showError(ui.error, null);
}
