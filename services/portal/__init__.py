"""The staff portal: pages for caseworkers, trainers, grant, finance and M&E officers,
rendered on the server from the four services' HTTP APIs, called with the signed-in
user's token. It keeps no programme data: what a page shows was read for that page."""
