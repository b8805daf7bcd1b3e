import type { CompositionWarning } from "../shared/dto";
import type { MemberKind } from "../shared/roles";

/**
 * The criteria's composition rule for every steering group (regional and local): companies hold the
 * majority of the seats and the chair. Breaking it is allowed but shown as a warning.
 */
export interface MemberForComposition {
  representsKind: MemberKind;
  isChair: boolean;
}

export interface Composition {
  companies: number;
  total: number;
  warnings: CompositionWarning[];
}

export function checkComposition(members: readonly MemberForComposition[]): Composition {
  const total = members.length;
  const companies = members.filter((m) => m.representsKind === "company").length;
  const chairs = members.filter((m) => m.isChair);
  const warnings: CompositionWarning[] = [];
  if (total === 0) {
    warnings.push({
      code: "steeringGroup.no_members",
      message: { sv: "Styrgruppen har inga ledamöter.", en: "The steering group has no members." },
    });
    return { companies, total, warnings };
  }
  if (companies * 2 <= total) {
    warnings.push({
      code: "steeringGroup.industry_minority",
      message: {
        sv: `Företagen har ${companies} av ${total} platser; de ska ha majoritet.`,
        en: `Companies hold ${companies} of ${total} seats; they must hold the majority.`,
      },
    });
  }
  if (chairs.length === 0) {
    warnings.push({
      code: "steeringGroup.no_chair",
      message: { sv: "Styrgruppen saknar ordförande.", en: "The steering group has no chair." },
    });
  } else if (chairs.length > 1) {
    warnings.push({
      code: "steeringGroup.several_chairs",
      message: {
        sv: "Styrgruppen har mer än en ordförande.",
        en: "The steering group has more than one chair.",
      },
    });
  } else if (chairs[0].representsKind !== "company") {
    warnings.push({
      code: "steeringGroup.chair_not_industry",
      message: {
        sv: "Ordföranden ska komma från ett företag.",
        en: "The chair must represent a company.",
      },
    });
  }
  return { companies, total, warnings };
}
