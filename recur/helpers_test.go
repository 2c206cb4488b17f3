package recur

import (
	"errors"

	"hiroba/model"
)

func errorKey(err error) string {
	var e *model.Error
	if errors.As(err, &e) {
		return e.Key
	}
	return err.Error()
}
