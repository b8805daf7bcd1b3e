import { describe, expect, it } from "vitest";
import { asciiFallback, contentDisposition, safeFileName } from "./file-names";

describe("safe file names", () => {
  it("strips paths, so a traversal name cannot leave its folder", () => {
    expect(safeFileName("../../etc/passwd.pdf", "pdf")).toBe("passwd.pdf");
    expect(safeFileName("..\\..\\Windows\\System32\\evil.pdf", "pdf")).toBe("evil.pdf");
    expect(safeFileName("/absolute/path/Ansökan.docx", "docx")).toBe("Ansökan.docx");
    expect(safeFileName("..", "pdf")).toBe("dokument.pdf");
    expect(safeFileName("", "png")).toBe("dokument.png");
    expect(safeFileName("a..b....pdf", "pdf")).toBe("a.b.pdf");
  });

  it("removes control and direction-override characters and what Windows refuses", () => {
    expect(safeFileName("rap\u0000port\r\n.pdf", "pdf")).toBe("rapport.pdf");
    expect(safeFileName("faktura\u202Efdp.exe", "pdf")).toBe("fakturafdp.exe.pdf");
    expect(safeFileName('a<b>c:d"e|f?g*h.pdf', "pdf")).toBe("a_b_c_d_e_f_g_h.pdf");
    expect(safeFileName("CON.pdf", "pdf")).toBe("_CON.pdf");
    expect(safeFileName(" .hidden.pdf. ", "pdf")).toBe("hidden.pdf");
  });

  it("keeps Swedish letters and gives the file the extension of what it really is", () => {
    expect(safeFileName("Självvärdering Åre–Östersund.pdf", "pdf")).toBe("Självvärdering Åre–Östersund.pdf");
    // NFD input (as macOS sends it) becomes NFC.
    expect(safeFileName("Ansö\u0308kan.pdf".replace("ö\u0308", "o\u0308"), "pdf")).toBe("Ansökan.pdf");
    expect(safeFileName("program.exe", "pdf")).toBe("program.exe.pdf");
    expect(safeFileName("bild.JPEG", "jpg")).toBe("bild.JPEG");
    expect(safeFileName(`${"x".repeat(300)}.pdf`, "pdf")).toHaveLength(150);
    expect(safeFileName(`${"x".repeat(300)}.pdf`, "pdf").endsWith(".pdf")).toBe(true);
  });

  it("writes Content-Disposition with an ASCII fallback and a UTF-8 filename*", () => {
    expect(asciiFallback("Ansökan åäö.pdf")).toBe("Ansokan aao.pdf");
    expect(contentDisposition("Ansökan (ny) åäö.pdf")).toBe(
      "attachment; filename=\"Ansokan (ny) aao.pdf\"; filename*=UTF-8''Ans%C3%B6kan%20%28ny%29%20%C3%A5%C3%A4%C3%B6.pdf",
    );
    expect(contentDisposition('x"y.pdf', "inline")).toMatch(/^inline; filename="x_y.pdf"/);
  });
});
