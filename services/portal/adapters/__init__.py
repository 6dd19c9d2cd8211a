"""Everything outside the portal: the services' HTTP APIs, the identity provider, the
demo users' file. The pages reach the services only through these clients."""
