import sys

from sample_reports.generator.matrix.run import main

sys.exit(main())
