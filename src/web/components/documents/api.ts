import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  DiariumEntry,
  Document,
  DocumentList,
  DocumentVersion,
  UploadResult,
} from "../../../server/modules/documents/dto";
import { ApiError, get, post } from "../../api";
import i18next, { currentLanguage } from "../../i18n";
import { queryKeys } from "../../queries";

export type { DiariumEntry, Document, DocumentList, DocumentVersion, UploadResult };

/** The PDFs Spelplan writes itself. */
export const GENERATED_KINDS = ["protocol", "decision", "certificate"] as const;
export type GeneratedKind = (typeof GENERATED_KINDS)[number];

/** What the server accepts (judged by content; the list only helps the file picker). */
export const ACCEPTED_FILES = [
  ".pdf",
  ".docx",
  ".odt",
  ".xlsx",
  ".png",
  ".jpg",
  ".jpeg",
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "image/png",
  "image/jpeg",
].join(",");

export const documentKeys = {
  list: (caseId: string) => ["documents", caseId] as const,
  diarium: (caseId: string) => ["diarium", caseId] as const,
};

export function useCaseDocuments(caseId: string) {
  return useQuery({
    queryKey: documentKeys.list(caseId),
    queryFn: ({ signal }) => get<DocumentList>(`/api/cases/${encodeURIComponent(caseId)}/documents`, signal),
  });
}

export function useDiarium(caseId: string) {
  return useQuery({
    queryKey: documentKeys.diarium(caseId),
    queryFn: ({ signal }) =>
      get<{ items: DiariumEntry[] }>(`/api/cases/${encodeURIComponent(caseId)}/diarium`, signal),
  });
}

/** After a new version: the documents, the diarium, the case (its document list) and the case log. */
export function useRefreshDocuments(caseId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: documentKeys.list(caseId) }),
      queryClient.invalidateQueries({ queryKey: documentKeys.diarium(caseId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.case(caseId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.caseLog(caseId) }),
    ]);
}

function errorFromBody(status: number, text: string, statusText: string): ApiError {
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.code && body.error.message) {
      return new ApiError(status, body.error.code, body.error.message, body.error.details);
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(status, `http.${status}`, statusText || i18next.t("errors.unexpected"));
}

export interface UploadInput {
  caseId: string;
  /** `file` and the text fields (`slot`, `title`, `direction`, `counterpart`, `description`, `documentId`). */
  form: FormData;
  csrfToken: string | null;
  /** 0–1 while the bytes go up; `null` once they are all sent (the server is checking the file). */
  onProgress?: (fraction: number | null) => void;
  signal?: AbortSignal;
}

/**
 * `POST /api/cases/{id}/documents` with XMLHttpRequest, which (unlike fetch) reports upload progress. Answers
 * with the document and its diarium entry, or rejects with an ApiError (413, 415, 400 … with the server's
 * message in the user's language; status 0 for a broken connection; an AbortError when cancelled).
 */
export function uploadDocument({
  caseId,
  form,
  csrfToken,
  onProgress,
  signal,
}: UploadInput): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/cases/${encodeURIComponent(caseId)}/documents`);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", currentLanguage());
    if (csrfToken) xhr.setRequestHeader("x-csrf-token", csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.total > 0 ? e.loaded / e.total : 1);
    };
    xhr.upload.onload = () => onProgress?.(null);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as UploadResult);
        } catch {
          reject(new ApiError(xhr.status, "http.invalid_json", i18next.t("errors.unexpected")));
        }
      } else {
        reject(errorFromBody(xhr.status, xhr.responseText, xhr.statusText));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, "network", i18next.t("documents.errors.networkText")));
    xhr.onabort = () => reject(new DOMException("Upload cancelled", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

export function useGenerateDocument(caseId: string) {
  const refresh = useRefreshDocuments(caseId);
  return useMutation({
    mutationFn: (kind: GeneratedKind) =>
      post<UploadResult>(`/api/cases/${encodeURIComponent(caseId)}/generate/${kind}`),
    onSuccess: () => refresh(),
  });
}

/** The file name of a Content-Disposition header (RFC 6266: `filename*` first). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/** Saves a blob as a file through a temporary link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `POST /api/cases/{id}/archive`: the case's archive package (ZIP), saved as a file. */
export async function downloadArchive(caseId: string, csrfToken: string | null): Promise<string> {
  const headers: Record<string, string> = { "Accept-Language": currentLanguage() };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/cases/${encodeURIComponent(caseId)}/archive`, {
      method: "POST",
      headers,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "network", i18next.t("errors.network"));
  }
  if (!response.ok) throw errorFromBody(response.status, await response.text(), response.statusText);
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get("content-disposition"), "arkivpaket.zip");
  saveBlob(blob, name);
  return name;
}

/** "45 B", "24,2 kB", "3,1 MB" in the UI language. */
export function formatBytes(bytes: number): string {
  const locale = currentLanguage() === "sv" ? "sv-SE" : "en-GB";
  const units = ["B", "kB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
