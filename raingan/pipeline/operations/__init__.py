"""Operations: raingan run as a service. `raingan serve` started and stopped as one
(`supervisor`), what Prefect knows of raingan's flows (`prefect_status`), the flows' names
(`flow_names`) and a message to an operator when a run fails (`notify`). Imports none of
`ingestion` or `outputs`."""
