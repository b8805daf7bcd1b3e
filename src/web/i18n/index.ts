import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { LANGUAGES, type Language } from "../../shared/roles";
import { sv } from "./sv";
import { svExtra } from "./sv-extra";

const STORAGE_KEY = "spelplan.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be unavailable (private mode); Swedish is the default.
  }
  return "sv";
}

function applyLanguage(language: string): void {
  // Also evaluated on the server (entry-server.tsx), which has no document.
  if (typeof document !== "undefined") document.documentElement.lang = language;
}

i18next.on("languageChanged", applyLanguage);

/**
 * Swedish, the default, is part of the first load; the other languages' texts are loaded when first chosen
 * (their own chunk), and the UI switches once they are in.
 */
const LOADERS: Record<Exclude<Language, "sv">, () => Promise<object>> = {
  en: () => import("./en-resources").then((m) => m.enResources),
};

async function switchTo(language: Language): Promise<void> {
  if (language !== "sv" && !i18next.hasResourceBundle(language, "translation")) {
    i18next.addResourceBundle(language, "translation", await LOADERS[language]());
  }
  if (i18next.language !== language) await i18next.changeLanguage(language);
}

void i18next.use(initReactI18next).init({
  resources: { sv: { translation: { ...sv, ...svExtra } } },
  lng: "sv",
  fallbackLng: "sv",
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  initAsync: false,
});
applyLanguage(i18next.language);

/** Settles when the language chosen earlier in this browser is ready to show (main.tsx renders after it). */
export const languageReady: Promise<void> = switchTo(initialLanguage()).catch(() => {
  // The texts did not load (network): the UI stays Swedish.
});

/** The language the UI shows now ("sv" unless English was chosen). */
export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : "sv";
}

/** Switches the UI language and remembers the choice in this browser. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // ignore: the choice then lasts for this page only
  }
  await switchTo(language);
}

export default i18next;
