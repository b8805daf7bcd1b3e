import type { Label } from "../../../domain/policies/documents";

/**
 * Response shapes of the documents API. (Candidates for src/shared/dto.ts once the web uses them; kept here so
 * this module lands without touching the shared file.)
 */

export interface DocumentVersion {
  version: number;
  sha256: string;
  size: number;
  mime: string;
  /** The safe download name. */
  fileName: string;
  /** The name the file had when it was uploaded (as sent by the browser). */
  originalName: string;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  generated: boolean;
  /** The diarium number this version was registered under ("TC 2027/0042-3"), if any. */
  registrationNumber: string | null;
  downloadUrl: string;
}

export interface Document {
  id: string;
  ownerType: "case" | "agreement" | "addendum" | "region";
  ownerId: string;
  caseId: string | null;
  slot: string;
  slotLabel: Label;
  title: string;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  currentVersion: number;
  /** The current (latest) version. */
  current: DocumentVersion;
  /** Every version, newest first (in lists of a case's or agreement's documents; omitted on the case page). */
  versions?: DocumentVersion[];
}

export interface DocumentList {
  items: Document[];
  /** What the caller may do: download, upload, generate, archive. */
  actions: string[];
  /** The slots the caller may upload to, and the directions they may register with. */
  uploadSlots: string[];
  directions: string[];
}

export interface DiariumEntry {
  id: string;
  /** "TC 2027/0042-3": the case's registration number and the entry's running number. */
  number: string;
  seq: number;
  registeredOn: string;
  direction: "incoming" | "outgoing" | "internal";
  directionLabel: Label;
  /** Sender (incoming) or recipient (outgoing). */
  counterpart: string;
  description: string;
  document: { id: string; title: string; version: number; downloadUrl: string } | null;
  createdAt: string;
}

export interface UploadResult {
  document: Document;
  registration: DiariumEntry | null;
}
