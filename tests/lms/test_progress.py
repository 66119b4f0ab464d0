from lms.progress import job_progress, job_progress_reporter


def test_reported_progress_is_read_back_per_job():
    report = job_progress_reporter("test-job", 1)
    assert job_progress("test-job", 1) == {}

    report(40, 100)

    assert job_progress("test-job", 1) == {"done": 40, "total": 100}
    assert job_progress("test-job", 2) == {}
    assert job_progress("other-job", 1) == {}
