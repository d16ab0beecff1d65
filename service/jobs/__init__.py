"""Background work on a durable queue (arq on Redis): helpdesk deliveries.

arq keeps each job in Redis until a worker finishes it; a worker that dies mid-job leaves an
in-progress marker that expires arq's ``job_timeout + 10`` s later, after which any worker re-runs
the job. Jobs are written to be re-run safely (see ``service.jobs.delivery``).
"""
