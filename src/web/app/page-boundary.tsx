import { Component, type ReactNode } from "react";
import { Button } from "../components/ui/button.tsx";
import { explainError } from "../lib/errors.ts";
import { usePath } from "../lib/router.tsx";

interface Props {
  children: ReactNode;
}

/**
 * A page that fails while rendering says so in place of the page, under the header that still works;
 * going to another address (Back included) starts afresh. Only a failure to start replaces the whole
 * app (root.tsx).
 */
class Boundary extends Component<Props, { error: unknown; failed: boolean }> {
  override state = { failed: false, error: undefined as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { failed: true, error };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <section role="alert" className="p-4">
        <h1 className="text-xl font-semibold">This page failed</h1>
        <p className="mt-2">{explainError(this.state.error)}</p>
        <Button className="mt-3" onClick={() => this.setState({ failed: false, error: undefined })}>
          Try again
        </Button>
      </section>
    );
  }
}

export function PageBoundary({ children }: Props) {
  return <Boundary key={usePath()}>{children}</Boundary>;
}
