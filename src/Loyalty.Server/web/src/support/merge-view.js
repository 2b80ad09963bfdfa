// Merging another member into the one shown: both side by side (name, id, balance, tier) before anything happens.
import { points } from "../shared/format.js";
import { el } from "../shared/render.js";
import { RetryableAction, runOnce } from "./retry.js";

/** The rows that describe one side of a merge. Pure. */
export function mergeSide(account, role) {
  return [
    [role, account.name],
    ["Member id", account.memberId],
    ["Balance", `${points(account.points)} points`],
    ["Tier", account.tier],
  ];
}

/** Fills a <dl> with a side's rows. */
export function showSide(list, account, role) {
  list.replaceChildren();
  list.dataset.memberId = account.memberId;
  for (const [term, value] of mergeSide(account, role)) {
    const row = el("div");
    row.append(el("dt", null, term), el("dd", null, value));
    list.append(row);
  }
}

/**
 * The merge form: Review finds the other member and shows both side by side; Merge (only then) merges the other into
 * the member shown, with one transaction id per merge, kept for a retry of the same one. Returns { cancel }.
 */
export function wireMerge({ ui, api, member, lookUpAccount, fail, notify }) {
  const retry = new RetryableAction();
  let source = null;

  function cancel() {
    source = null;
    ui.mergeConfirm.hidden = true;
  }

  async function review(event) {
    event.preventDefault();
    const target = member();
    if (!target?.account) return;
    fail(null);
    cancel();
    const account = await lookUpAccount(ui.mergeSearch.value.trim());
    if (!account) return;
    if (account.memberId === target.memberId) return fail("That is the member shown: give the other member to merge into this one.");
    source = account;
    showSide(ui.mergeSource, source, "Merge");
    showSide(ui.mergeTarget, target.account, "Into");
    ui.mergeConfirm.hidden = false;
    ui.merge.focus();
  }

  async function merge() {
    const target = member();
    if (!target || !source) return;
    const [targetId, sourceId] = [target.memberId, source.memberId];
    ui.merge.disabled = true;
    try {
      const outcome = await runOnce(retry, { targetId, sourceId },
        (transactionId) => api.merge(targetId, { transactionId, sourceMemberId: sourceId }));
      cancel();
      ui.mergeSearch.value = "";
      const balance = outcome?.balance ?? outcome?.points;
      notify(`${sourceId} merged into ${targetId}${balance != null ? `: the balance is now ${points(balance)}` : ""}.`);
      target.refresh();
    } catch (error) {
      fail(error);
    } finally {
      ui.merge.disabled = false;
      ui.merge.textContent = retry.pending ? "Try again" : "Merge";
    }
  }

  ui.mergeForm.addEventListener("submit", review);
  ui.mergeCancel.addEventListener("click", cancel);
  ui.merge.addEventListener("click", merge);
  return {
    cancel() {
      cancel();
      retry.forget();
    },
  };
}
