import type { ModalProps } from "@mantine/core";
import type { TFunction } from "i18next";
import type { ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "./FormModal";

/**
 * The "add or edit" dialog of a form: `formModal(Form, title)` is the component that shows `Form` in a FormModal,
 * titled by `title` from the form's props (which tell whether it adds or edits). It takes the form's own props
 * and `opened`; closing the dialog runs the form's `onClose`.
 */
export function formModal<P extends { onClose: () => void }>(
  Form: ComponentType<P>,
  title: (props: P, t: TFunction) => string,
  size?: ModalProps["size"],
): ComponentType<P & { opened: boolean }> {
  return function FormInModal({ opened, ...rest }: P & { opened: boolean }) {
    const { t } = useTranslation();
    const props = rest as unknown as P;
    return (
      <FormModal opened={opened} onClose={props.onClose} title={title(props, t)} size={size}>
        <Form {...props} />
      </FormModal>
    );
  };
}
