import type { JoiningFacts } from "./machine";

/** Example payloads for every joining action (tests and the demo); ids come from the options. */
export interface JoiningPayloadOptions {
  steeringGroupId?: string;
  agreementId?: string;
  localCollegeId?: string;
  today?: string;
  newLocalSteeringGroup?: boolean;
  updatedAgreement?: boolean;
}

export function joiningPayloadFor(
  action: string,
  facts: JoiningFacts,
  o: JoiningPayloadOptions = {},
): unknown {
  const today = o.today ?? "2027-04-01";
  const party = facts.record.conditions.partyName;
  switch (action) {
    case "completeAnchoring":
      return {
        regionContacts: "Regionens processledare och regionala styrgrupp.",
        existingMunicipalitiesContacts: "Skolcheferna i de anslutna kommunerna.",
        newPartyContacts: `Förvaltningschef och rektor i ${party}.`,
        completedOn: today,
      };
    case "completeLocalSteeringGroup":
      return o.newLocalSteeringGroup === false && o.steeringGroupId
        ? { mode: "existing", steeringGroupId: o.steeringGroupId }
        : {
            mode: "new",
            name: `Lokal styrgrupp ${party}`,
            ...(o.localCollegeId
              ? { localCollegeId: o.localCollegeId }
              : { newLocalCollegeName: `Teknikcollege ${party}` }),
            members: [
              {
                name: "Ida Industri",
                representsKind: "company",
                representsName: `${party} Verkstad AB`,
                isChair: true,
              },
              { name: "Olle Olsson", representsKind: "company", representsName: `${party} Mekaniska AB` },
              { name: "Kim Kommun", representsKind: "municipality", representsName: `${party} kommun` },
            ],
          };
    case "completeRegionalRepresentation":
      return {
        representative: {
          name: "Kim Kommun",
          title: "Skolchef",
          representsKind: "municipality",
          representsName: `${party} kommun`,
        },
      };
    case "completeAgreement":
      return o.updatedAgreement || !o.agreementId
        ? {
            mode: "updated",
            title: "Samverkansavtal (uppdaterat)",
            validFrom: today,
            signedOn: today,
            parties: [party],
          }
        : { mode: "addendum", agreementId: o.agreementId, signedOn: today, parties: [party] };
    case "completePoliticalDecision":
      return {
        decidedOn: today,
        body: "Kommunstyrelsen",
        signatoryName: "Ordförande Ordförandesson",
        signedOn: today,
      };
    case "completeNoProviderAgreement":
      return { cooperatesWith: "Grannkommunens gymnasieskola", signedOn: today };
    case "startCertification":
      return {};
    case "completeQualityPlan":
      return {
        regionalPlan: "Regional uppföljning två gånger per år mot kriterierna.",
        localPlan: "Lokal styrgrupp följer upp varje termin.",
        perCriterion: [{ criterionNumber: 1, text: "Årlig självvärdering." }],
      };
    case "reopenJoining":
    case "withdrawJoining":
      return { reason: "Enligt överenskommelse." };
    default:
      return {};
  }
}
