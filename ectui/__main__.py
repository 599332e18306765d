from ectui.cli import main

raise SystemExit(main())
