import type { Municipality, RegionDetail } from "../../../shared/dto";
import { byName } from "../../lib/format";

export interface Option {
  value: string;
  label: string;
}

/** Select options of a region's own things (active ones, plus the currently chosen one if archived). */
export function localCollegeOptions(region: RegionDetail, keep?: string | null): Option[] {
  return region.localColleges
    .filter((lc) => lc.status === "active" || lc.id === keep)
    .sort(byName)
    .map((lc) => ({ value: lc.id, label: lc.name }));
}

/** Municipalities as select options, by name (shown by their short name: "Skövde"). */
export function municipalityOptionsOf(municipalities: readonly Municipality[]): Option[] {
  return [...municipalities].sort(byName).map((m) => ({ value: m.code, label: m.shortName || m.name }));
}

export function municipalityOptions(region: RegionDetail): Option[] {
  return municipalityOptionsOf(region.municipalities);
}

/** The municipalities in no region yet (of `/api/municipalities`), as select options by name. */
export function freeMunicipalityOptions(all: readonly Municipality[] | undefined): Option[] {
  return municipalityOptionsOf((all ?? []).filter((m) => m.regionId === null));
}

export function companyOptions(region: RegionDetail): Option[] {
  return region.companies
    .filter((c) => c.status === "active")
    .sort(byName)
    .map((c) => ({ value: c.id, label: c.name }));
}

export function providerOptions(region: RegionDetail): Option[] {
  return region.providers
    .filter((p) => p.status === "active")
    .sort(byName)
    .map((p) => ({ value: p.id, label: p.name }));
}

export function municipalityName(region: RegionDetail, code: string | null): string | null {
  if (!code) return null;
  const m = region.municipalities.find((x) => x.code === code);
  return m ? m.shortName || m.name : code;
}

export function localCollegeName(region: RegionDetail, id: string | null): string | null {
  if (!id) return null;
  return region.localColleges.find((lc) => lc.id === id)?.name ?? null;
}
