import { Link } from "../routing/link.tsx";
import { PageHeader } from "../ui/page-header.tsx";

export function NotFoundPage({ path }: { path: string }) {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>
        The console has no page at <code>{path}</code>. <Link to="/customers">Go to the customers</Link>.
      </p>
    </>
  );
}
