/**
 * The joining checklist's forms, one file per part of the checklist (checklist/), loaded together as one chunk when
 * a joining case is shown (JoiningView.tsx imports this file).
 */
export {
  AgreementForm,
  NoProviderAgreementForm,
  PoliticalDecisionForm,
  RegionalRepresentationForm,
} from "./checklist/agreement";
export { AnchoringForm } from "./checklist/anchoring";
export { CompleteJoiningForm, QualityPlanForm, StartCertificationForm } from "./checklist/start";
export { LocalSteeringGroupForm } from "./checklist/steering-group";
