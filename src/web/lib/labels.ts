import type { Label } from "../../shared/dto";
import { ROLE_LABELS, type Role } from "../../shared/roles";
import { currentLanguage } from "../i18n";

/** The text of a `{ sv, en }` label in the current language. */
export function lbl(label: Label | null | undefined): string {
  if (!label) return "";
  return label[currentLanguage()] ?? label.sv;
}

export function roleLabel(role: string): string {
  return lbl(ROLE_LABELS[role as Role]) || role;
}

/** "Processledare, region och Lokal kontakt" — a list of roles in prose. */
export function rolesText(roles: readonly string[], and: string): string {
  const names = roles.map(roleLabel);
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} ${and} ${names[names.length - 1]}`;
}
