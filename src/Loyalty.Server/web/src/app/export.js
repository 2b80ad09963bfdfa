// "Download my data": the member's copy of everything the programme holds about them (GET /api/members/{id}/export),
// saved as a JSON file.
import { ApiError, memberPath } from "../shared/api.js";

/** The file name a Content-Disposition header gives the download, else one of our own. */
export function fileNameOf(disposition, memberId) {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? "");
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // a malformed encoding: the plain name, if any
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? "");
  return plain ? plain[1].trim() : `member-${memberId}.json`;
}

/**
 * Reads the member's data and hands it to the browser as a download; rejects with an ApiError.
 * @param {string} memberId @param {Record<string, string>} headers the member's authorization
 */
export async function downloadMyData(memberId, headers) {
  let response;
  try {
    response = await fetch(`${memberPath(memberId)}/export`, { headers: { Accept: "application/json", ...headers }, cache: "no-store" });
  } catch (error) {
    throw new ApiError(0, { title: "The engine could not be reached", detail: error?.message });
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ title: `${response.status} ${response.statusText}`.trim() }));
    throw new ApiError(response.status, problem);
  }
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = fileNameOf(response.headers.get("Content-Disposition"), memberId);
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
