package seed

// DemoStaffNames are the names of the demo's staff, for the test that
// checks they are fictional.
func DemoStaffNames() []string {
	var out []string
	for _, s := range append(append([]demoStaff{}, demoStaffList...), demoActivityStaff...) {
		out = append(out, s.name)
	}
	return out
}

// ScaleStaffNames are every name Scale can give a staff member.
func ScaleStaffNames() []string {
	var out []string
	for _, f := range scaleSurnames {
		for _, g := range scaleGivenNames {
			out = append(out, f+" "+g)
		}
	}
	return out
}
