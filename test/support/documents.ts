import { randomUUID } from "node:crypto";

/** Helpers for document tests: multipart bodies for `inject`, small real files, reading PDFs back. */

export interface FilePart {
  name: string;
  data: Buffer;
  type?: string;
}

/** A multipart/form-data body (as a browser's FormData would send it) and its content-type header. */
export async function multipart(
  fields: Record<string, string>,
  file?: FilePart,
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) {
    fd.append(
      "file",
      new Blob([new Uint8Array(file.data)], { type: file.type ?? "application/octet-stream" }),
      file.name,
    );
  }
  const res = new Response(fd);
  return {
    payload: Buffer.from(await res.arrayBuffer()),
    headers: { "content-type": res.headers.get("content-type") as string },
  };
}

/** A small, distinct PDF (file-type knows it by its `%PDF-` header). */
export function pdfFile(label: string = randomUUID()): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, "utf8");
}

/** The start of a Windows executable: "MZ", and the PE header it points to. */
export function exeFile(): Buffer {
  const b = Buffer.alloc(1024);
  b.write("MZ");
  b.writeUInt32LE(0x80, 0x3c);
  b.write("PE\0\0", 0x80, "latin1");
  return b;
}

/** All text of a PDF, page by page, with pdfjs-dist (legacy build: runs on Node 20). */
export async function pdfText(data: Buffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(data),
    disableFontFace: true,
    useSystemFonts: false,
  }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  await doc.destroy();
  return pages.join("\n");
}
