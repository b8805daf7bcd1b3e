import { AppError } from "../../http/errors";

/** The documents module's errors: stable codes, HTTP status, Swedish and English. */
export const documentErrors = {
  tooLarge: (maxBytes: number) => {
    const mb = Math.round((maxBytes / 1024 / 1024) * 100) / 100;
    return new AppError(
      "document.too_large",
      413,
      {
        sv: `Filen är för stor. Största tillåtna storlek är ${String(mb).replace(".", ",")} MB.`,
        en: `The file is too large. The largest allowed size is ${mb} MB.`,
      },
      { maxBytes },
    );
  },
  empty: () =>
    new AppError("document.empty", 400, {
      sv: "Filen är tom.",
      en: "The file is empty.",
    }),
  noFile: () =>
    new AppError("document.no_file", 400, {
      sv: "Begäran saknar en fil (fältet ”file”).",
      en: "The request carries no file (field “file”).",
    }),
  tooManyFiles: () =>
    new AppError("document.too_many_files", 400, {
      sv: "Ladda upp en fil i taget.",
      en: "Upload one file at a time.",
    }),
  notMultipart: () =>
    new AppError("document.not_multipart", 415, {
      sv: "Skicka filen som multipart/form-data.",
      en: "Send the file as multipart/form-data.",
    }),
  typeNotAllowed: (detected: string | null) =>
    new AppError(
      "document.type_not_allowed",
      415,
      {
        sv: "Filtypen är inte tillåten. Tillåtna är PDF, Word (DOCX), OpenDocument-text (ODT), Excel (XLSX), PNG och JPEG.",
        en: "This file type is not allowed. Allowed are PDF, Word (DOCX), OpenDocument text (ODT), Excel (XLSX), PNG and JPEG.",
      },
      { detected },
    ),
  invalidFields: (details: unknown) =>
    new AppError(
      "document.invalid_fields",
      400,
      { sv: "Uppgifterna om dokumentet är ogiltiga.", en: "The document's details are invalid." },
      details,
    ),
  slotNotAllowed: () =>
    new AppError("document.slot_not_allowed", 403, {
      sv: "Du får inte lägga till dokument av den här sorten.",
      en: "You may not add documents of this kind.",
    }),
  directionNotAllowed: () =>
    new AppError("document.direction_not_allowed", 403, {
      sv: "Du får inte registrera dokumentet i den riktningen.",
      en: "You may not register the document in that direction.",
    }),
  notReady: (kind: string) =>
    new AppError(
      "document.not_ready",
      409,
      {
        sv:
          kind === "protocol"
            ? "Ärendet har inget protokoll ännu."
            : kind === "decision"
              ? "Ärendet har inget beslut ännu."
              : "Ärendet har inget beslut om godkännande ännu.",
        en:
          kind === "protocol"
            ? "The case has no protocol yet."
            : kind === "decision"
              ? "The case has no decision yet."
              : "The case has no approval yet.",
      },
      { kind },
    ),
  caseNotFinal: () =>
    new AppError("case.not_final", 409, {
      sv: "Endast avslutade ärenden kan arkiveras.",
      en: "Only closed cases can be archived.",
    }),
  blobMissing: () =>
    new AppError("document.blob_missing", 500, {
      sv: "Filen saknas i dokumentlagret. Kontakta systemförvaltaren.",
      en: "The file is missing from the document store. Contact the system administrator.",
    }),
};
