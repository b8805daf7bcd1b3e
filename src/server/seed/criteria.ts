/** Today's eight criteria (DOMAIN.md) and the earlier set of ten that older cases were judged by. */
export const CURRENT_CRITERIA = [
  [1, "Kvalitetssäkrad process", "Regionen och de lokala delarna arbetar systematiskt med kvalitetssäkring."],
  [2, "Regional samverkan", "Kommuner, utbildningsanordnare och företag samverkar i regionen."],
  [
    3,
    "Organisation och styrning",
    "Regional och lokala styrgrupper där industrin har majoritet och ordförandeskap.",
  ],
  [4, "Industrins kompetensbehov", "Utbildningarna utgår från industrins behov av kompetens."],
  [5, "Utbildningar och dimensionering", "Utbildningsutbudet är dimensionerat efter behoven."],
  [6, "Kreativ och stimulerande lärmiljö", "Lärmiljön är modern, kreativ och stimulerande."],
  [7, "Utbildning inom Teknikcollege", "Utbildningarna har tydlig koppling till Teknikcollege."],
  [
    8,
    "Arbetslivets medverkan i utbildningen",
    "Arbetslivet medverkar i utbildningen, till exempel genom APL.",
  ],
] as const;

export const EARLIER_CRITERIA = [
  [1, "Regional samverkan"],
  [2, "Lokal styrgrupp"],
  [3, "Industrins behov"],
  [4, "Utbildningsutbud"],
  [5, "Lärmiljö"],
  [6, "Lärarnas kompetensutveckling"],
  [7, "Arbetsplatsförlagt lärande"],
  [8, "Jämställdhet"],
  [9, "Marknadsföring"],
  [10, "Kvalitetsarbete"],
] as const;
